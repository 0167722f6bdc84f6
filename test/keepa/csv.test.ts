import { describe, expect, it } from "vitest";
import {
  CSV,
  CSV_TYPE_COUNT,
  centsToDollars,
  csvSeries,
  decodeSeries,
  isShippingType,
  landedPrice,
  lastCsvPoint,
  ratingToStars,
  valueOrNull,
} from "../../src/keepa/csv.ts";
import { keepaMinutesToMs } from "../../src/keepa/time.ts";

/** Keepa's csv types (Java API Product.CsvType), in index order: docs/keepa.md#csv-and-stats. */
const EXPECTED_NAMES = [
  "AMAZON",
  "NEW",
  "USED",
  "SALES",
  "LISTPRICE",
  "COLLECTIBLE",
  "REFURBISHED",
  "NEW_FBM_SHIPPING",
  "LIGHTNING_DEAL",
  "WAREHOUSE",
  "NEW_FBA",
  "COUNT_NEW",
  "COUNT_USED",
  "COUNT_REFURBISHED",
  "COUNT_COLLECTIBLE",
  "EXTRA_INFO_UPDATES",
  "RATING",
  "COUNT_REVIEWS",
  "BUY_BOX_SHIPPING",
  "USED_NEW_SHIPPING",
  "USED_VERY_GOOD_SHIPPING",
  "USED_GOOD_SHIPPING",
  "USED_ACCEPTABLE_SHIPPING",
  "COLLECTIBLE_NEW_SHIPPING",
  "COLLECTIBLE_VERY_GOOD_SHIPPING",
  "COLLECTIBLE_GOOD_SHIPPING",
  "COLLECTIBLE_ACCEPTABLE_SHIPPING",
  "REFURBISHED_SHIPPING",
  "EBAY_NEW_SHIPPING",
  "EBAY_USED_SHIPPING",
  "TRADE_IN",
  "RENT",
  "BUY_BOX_USED_SHIPPING",
  "PRIME_EXCL",
  "COUNT_NEW_FBA",
  "COUNT_NEW_FBM",
];

describe("csv indices", () => {
  it("names all 36 types at their Keepa index", () => {
    expect(CSV_TYPE_COUNT).toBe(36);
    expect(Object.keys(CSV)).toHaveLength(36);
    EXPECTED_NAMES.forEach((name, index) => {
      expect(CSV[name as keyof typeof CSV], name).toBe(index);
    });
  });

  it("pins the indices the scorer depends on (rating/reviews were once off by one)", () => {
    expect(CSV.AMAZON).toBe(0);
    expect(CSV.NEW).toBe(1);
    expect(CSV.USED).toBe(2);
    expect(CSV.SALES).toBe(3);
    expect(CSV.NEW_FBA).toBe(10);
    expect(CSV.COUNT_NEW).toBe(11);
    expect(CSV.RATING).toBe(16);
    expect(CSV.COUNT_REVIEWS).toBe(17);
    expect(CSV.BUY_BOX_SHIPPING).toBe(18);
    expect(CSV.COUNT_NEW_FBA).toBe(34);
    expect(CSV.COUNT_NEW_FBM).toBe(35);
  });

  it("marks exactly 7, 18–29 and 32 as price+shipping triples", () => {
    const triples = Array.from({ length: 36 }, (_, i) => i).filter(isShippingType);
    expect(triples).toEqual([7, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 32]);
  });
});

describe("series decoding", () => {
  it("decodes [t, v] pairs into epoch-ms points", () => {
    expect(decodeSeries([7_777_548, 1999, 7_777_608, -1], false)).toEqual([
      { time: 1_760_492_880_000, value: 1999 },
      { time: 1_760_492_880_000 + 3_600_000, value: -1 },
    ]);
  });

  it("decodes [t, price, ship] triples with the landed-price rule", () => {
    const series = [100, 1500, 399, 200, -1, 499, 300, 1200, -1, 400, -2, 0];
    expect(decodeSeries(series, true).map((p) => p.value)).toEqual([1899, -1, 1200, -2]);
  });

  it("never adds shipping to a sentinel (−1 + 499 is not a price)", () => {
    expect(landedPrice(-1, 499)).toBe(-1);
    expect(landedPrice(-2, 499)).toBe(-2);
    expect(landedPrice(1000, -1)).toBe(1000);
    expect(landedPrice(1000, 250)).toBe(1250);
    expect(landedPrice(0, 0)).toBe(0);
  });

  it("drops a truncated tail and tolerates null, short and missing slots", () => {
    expect(decodeSeries([100, 5, 200], false)).toEqual([{ time: keepaMinutesToMs(100), value: 5 }]);
    expect(decodeSeries(null, false)).toEqual([]);
    const csv = [[100, 1], null];
    expect(csvSeries(csv, CSV.USED)).toEqual([]);
    expect(csvSeries(csv, CSV.USED)).toEqual([]);
    expect(csvSeries(csv, CSV.COUNT_NEW_FBM)).toEqual([]);
    expect(csvSeries(null, CSV.AMAZON)).toEqual([]);
    expect(lastCsvPoint(csv, CSV.NEW)).toBeNull();
  });

  it("reads the last point with the right stride", () => {
    const csv: (number[] | null)[] = [];
    csv[CSV.NEW] = [100, 2000, 200, 1800];
    csv[CSV.BUY_BOX_SHIPPING] = [100, 2000, 0, 200, 1800, 350];
    expect(lastCsvPoint(csv, CSV.NEW)).toEqual({ time: keepaMinutesToMs(200), value: 1800 });
    expect(lastCsvPoint(csv, CSV.BUY_BOX_SHIPPING)).toEqual({ time: keepaMinutesToMs(200), value: 2150 });
  });
});

describe("value helpers", () => {
  it("turns sentinels into null and keeps 0", () => {
    expect(valueOrNull(-1)).toBeNull();
    expect(valueOrNull(-2)).toBeNull();
    expect(valueOrNull(undefined)).toBeNull();
    expect(valueOrNull(null)).toBeNull();
    expect(valueOrNull(Number.NaN)).toBeNull();
    expect(valueOrNull(0)).toBe(0);
    expect(valueOrNull(1999)).toBe(1999);
  });

  it("converts cents and ratings", () => {
    expect(centsToDollars(1999)).toBe(19.99);
    expect(centsToDollars(0)).toBe(0);
    expect(centsToDollars(null)).toBeNull();
    expect(ratingToStars(45)).toBe(4.5);
    expect(ratingToStars(50)).toBe(5);
    expect(ratingToStars(0)).toBe(0);
    expect(ratingToStars(-1)).toBeNull();
  });
});
