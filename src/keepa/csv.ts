/**
 * The `csv` history arrays of a Keepa product (`J:structs/Product.java CsvType`).
 * Every slot may be null and the array may be shorter than 36, so every read is guarded.
 */
import { keepaMinutesToMs } from "./time.ts";

/** All 36 csv indices by their Keepa name (also the indices of `stats.current`, `avg30`, …). */
export const CSV = {
  AMAZON: 0,
  NEW: 1,
  USED: 2,
  SALES: 3,
  LISTPRICE: 4,
  COLLECTIBLE: 5,
  REFURBISHED: 6,
  NEW_FBM_SHIPPING: 7,
  LIGHTNING_DEAL: 8,
  WAREHOUSE: 9,
  NEW_FBA: 10,
  COUNT_NEW: 11,
  COUNT_USED: 12,
  COUNT_REFURBISHED: 13,
  COUNT_COLLECTIBLE: 14,
  EXTRA_INFO_UPDATES: 15,
  RATING: 16,
  COUNT_REVIEWS: 17,
  BUY_BOX_SHIPPING: 18,
  USED_NEW_SHIPPING: 19,
  USED_VERY_GOOD_SHIPPING: 20,
  USED_GOOD_SHIPPING: 21,
  USED_ACCEPTABLE_SHIPPING: 22,
  COLLECTIBLE_NEW_SHIPPING: 23,
  COLLECTIBLE_VERY_GOOD_SHIPPING: 24,
  COLLECTIBLE_GOOD_SHIPPING: 25,
  COLLECTIBLE_ACCEPTABLE_SHIPPING: 26,
  REFURBISHED_SHIPPING: 27,
  EBAY_NEW_SHIPPING: 28,
  EBAY_USED_SHIPPING: 29,
  TRADE_IN: 30,
  RENT: 31,
  BUY_BOX_USED_SHIPPING: 32,
  PRIME_EXCL: 33,
  COUNT_NEW_FBA: 34,
  COUNT_NEW_FBM: 35,
} as const;

export type CsvName = keyof typeof CSV;
export type CsvIndex = (typeof CSV)[CsvName];

/** Number of csv types Keepa defines today (2023-era responses carry only 34 slots). */
export const CSV_TYPE_COUNT = 36;

/** `-1`: no offer / out of stock / no data at that time. */
export const NO_DATA = -1;
/** `-2`: "unable to determine" (offers and stats). */
export const UNKNOWN = -2;

const WITH_SHIPPING: ReadonlySet<number> = new Set([7, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 32]);

/** True for the `_SHIPPING` types, stored as `[t, price, shipping]` triples (Java `isWithShipping`). */
export function isShippingType(index: number): boolean {
  return WITH_SHIPPING.has(index);
}

/** One history point: epoch ms, and the raw value (landed price for `_SHIPPING` types). */
export type CsvPoint = { time: number; value: number };

/**
 * Landed price of a triple (`J:helper/ProductAnalyzer.getLast`).
 * Why not `price + shipping`: `-1 + 499` would turn "no offer" into a bogus $4.98.
 */
export function landedPrice(price: number, shipping: number): number {
  return price < 0 ? price : price + Math.max(shipping, 0);
}

/** Decode one csv series into points; triples become landed prices. A truncated tail is dropped. */
export function decodeSeries(series: readonly number[] | null | undefined, shipping: boolean): CsvPoint[] {
  if (!series) return [];
  const step = shipping ? 3 : 2;
  const points: CsvPoint[] = [];
  for (let i = 0; i + step - 1 < series.length; i += step) {
    const time = series[i] as number;
    const value = series[i + 1] as number;
    points.push({
      time: keepaMinutesToMs(time),
      value: shipping ? landedPrice(value, series[i + 2] as number) : value,
    });
  }
  return points;
}

/** Decode `csv[index]` with the right stride for its type. */
export function csvSeries(csv: readonly (readonly number[] | null)[] | null | undefined, index: CsvIndex): CsvPoint[] {
  return decodeSeries(csv?.[index], isShippingType(index));
}

/** The last point of `csv[index]` (the last *change*, not the last check), or null. */
export function lastCsvPoint(
  csv: readonly (readonly number[] | null)[] | null | undefined,
  index: CsvIndex,
): CsvPoint | null {
  const series = csv?.[index];
  if (!series) return null;
  const step = isShippingType(index) ? 3 : 2;
  const start = series.length - (series.length % step) - step;
  if (start < 0) return null;
  const points = decodeSeries(series.slice(start, start + step), step === 3);
  return points[0] ?? null;
}

/** Sentinels (−1 no data, −2 unknown, anything negative or non-finite) → null. */
export function valueOrNull(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return null;
  return value;
}

/** Integer cents → dollars (or the locale's major unit); null stays null. */
export function centsToDollars(cents: number | null): number | null {
  return cents === null ? null : cents / 100;
}

/** Keepa rating (0..50, 45 = 4.5★) → stars 0..5; sentinels → null. */
export function ratingToStars(rating: number | null | undefined): number | null {
  const value = valueOrNull(rating);
  return value === null ? null : value / 10;
}
