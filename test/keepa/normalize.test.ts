import { describe, expect, it } from "vitest";
import { CSV } from "../../src/keepa/csv.ts";
import { normalizeProduct } from "../../src/keepa/normalize.ts";
import { extractBsr } from "../../src/keepa/normalize/bsr.ts";
import { productResponseSchema } from "../../src/keepa/schemas/responses.ts";
import type { KeepaProduct } from "../../src/keepa/schemas/product.ts";
import { keepaMinutesToMs } from "../../src/keepa/time.ts";
import { PRODUCT_FIXTURES, fixtureJson } from "./helpers/fixtures.ts";

function load(name: string): KeepaProduct {
  return productResponseSchema.parse(fixtureJson(name)).products[0]!;
}

/** One hour after the product's own lastUpdate, so "< 24 h old" is deterministic. */
function nowFor(product: KeepaProduct): number {
  return keepaMinutesToMs(product.lastUpdate!) + 3_600_000;
}

describe("normalizeProduct on real responses", () => {
  it.each(PRODUCT_FIXTURES)("%s normalizes and lists its gaps", (name) => {
    const product = load(name);
    const normalized = normalizeProduct(product, { now: nowFor(product) });
    expect(normalized.asin).toBe(product.asin);
    expect(["full", "degraded", "unavailable"]).toContain(normalized.dataQuality);
    if (normalized.dataQuality !== "full") expect(normalized.warnings.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(normalized))).toEqual(normalized);
  });

  it("book 0593655036: full data, rank from salesRanks[salesRankReference]", () => {
    const product = load("product-book-0593655036.json");
    const n = normalizeProduct(product, { now: nowFor(product) });
    expect(n.dataQuality).toBe("full");
    expect(n.productType).toBe(0);
    expect(n.rootCategory).toBe(283_155);
    expect(n.categoryName).toBe("Stress Management");
    expect(n.categoryTree.map((c) => c.name)).toEqual(["Books", "Subjects", "Self-Help", "Stress Management"]);
    expect(n.bsr).toEqual({ rank: 74, source: "salesRanks.reference", categoryId: 283_155 });
    expect(n.prices).toEqual({ amazon: 1698, new: 1400, used: 1449, buyBox: null, newFba: null, listPrice: 3000 });
    expect(n.offerCounts).toEqual({ new: 39, used: 32, fba: null, fbm: null, newFbaInclAmazon: null });
    expect(n.amazonOnListing).toBe(true);
    expect(n.fees).toEqual({ referralFeePercentage: 15.02, pickAndPackFee: 537, variableClosingFee: 180 });
    expect(n.packageWeight).toBe(599);
    expect(n.salesRankDrops30).toBe(46);
    expect(n.salesRankDrops90).toBe(181);
    expect(n.averages).toEqual({
      avg30: { new: 1381, used: 1039, sales: 55 },
      avg90: { new: 1464, used: 1075, sales: 35 },
    });
    expect(n.monthlySold).toBeNull();
    expect(n.lastUpdate).toBe(keepaMinutesToMs(7_776_156));
    expect(n.warnings).toContain("offerCounts.fba unknown (needs offers or stats.offerCountFBA)");
    expect(n.warnings).toContain("prices unknown: buyBox, newFba");
  });

  it("stats B0F7XPYCSJ: no current rank anywhere, falls back to stats.avg30", () => {
    const product = load("product-stats-B0F7XPYCSJ.json");
    const n = normalizeProduct(product, { now: nowFor(product) });
    expect(n.bsr).toEqual({ rank: 11_218, source: "stats.avg30", categoryId: null });
    expect(n.prices.new).toBe(2599);
    expect(n.prices.amazon).toBeNull();
    expect(n.prices.listPrice).toBe(3599);
    expect(n.amazonOnListing).toBe(false);
    expect(n.offerCounts.new).toBe(1);
    expect(n.offerCounts.fba).toBeNull();
    expect(n.offerCounts.newFbaInclAmazon).toBe(1);
    expect(n.monthlySold).toBe(300);
    expect(n.fees).toEqual({ referralFeePercentage: 12, pickAndPackFee: 435, variableClosingFee: null });
    expect(n.warnings).toContain("bsr from stats.avg30: no current rank");
  });

  it("offers B008N7TETU: no stats or csv, prices and counts from live offers", () => {
    const product = load("product-offers-B008N7TETU.json");
    const n = normalizeProduct(product, { now: nowFor(product) });
    expect(n.dataQuality).toBe("degraded");
    expect(n.bsr).toBeNull();
    expect(n.prices.amazon).toBe(4932);
    expect(n.prices.new).toBe(4855);
    expect(n.prices.newFba).toBe(4932);
    expect(n.offerCounts).toEqual({ new: 8, used: 0, fba: 1, fbm: 7, newFbaInclAmazon: null });
    expect(n.amazonOnListing).toBe(true);
    expect(n.fees.referralFeePercentage).toBe(14.99);
    expect(n.fees.pickAndPackFee).toBe(471);
    expect(n.monthlySold).toBe(50);
    expect(n.warnings).toContain("bsr unknown: no rank in salesRanks, stats.current, recent csv or stats.avg30");
  });

  it("history B00OHUQN3M: old csv rank is not current, stats missing → degraded", () => {
    const product = load("product-history-B00OHUQN3M.json");
    const n = normalizeProduct(product, { now: nowFor(product) });
    expect(n.dataQuality).toBe("degraded");
    expect(n.bsr).toBeNull();
    expect(n.prices.new).toBe(0);
    expect(n.categoryName).toBe("Alarm Clocks");
    expect(n.packageWeight).toBeNull();
    expect(n.warnings).toContain("stats missing: current values and averages come from csv or offers only");
  });

  it("unknown-ASIN stub: unavailable, everything null", () => {
    const product = load("product-unknown-asin-stub-B08N5WRWNW.json");
    const n = normalizeProduct(product, { now: nowFor(product) });
    expect(n.dataQuality).toBe("unavailable");
    expect(n.warnings).toEqual(["productType 4 (INVALID): Keepa has no data for this ASIN"]);
    expect(n.bsr).toBeNull();
    expect(n.title).toBeNull();
    expect(n.rootCategory).toBeNull();
    expect(n.categoryName).toBeNull();
    expect(Object.values(n.prices).every((p) => p === null)).toBe(true);
  });
});

describe("BSR fallback order", () => {
  const NOW = keepaMinutesToMs(8_000_000);
  const base: KeepaProduct = { asin: "0000000001", rootCategory: 283_155 };
  const stats = (sales: number, avg30 = -1) => ({
    current: Array.from({ length: 36 }, (_, i) => (i === CSV.SALES ? sales : -1)),
    avg30: Array.from({ length: 36 }, (_, i) => (i === CSV.SALES ? avg30 : -1)),
  });
  const csvRank = (minutes: number, rank: number) => {
    const csv: (number[] | null)[] = Array.from({ length: 36 }, () => null);
    csv[CSV.SALES] = [minutes - 100, 999, minutes, rank];
    return csv;
  };

  it("1. salesRanks[salesRankReference], even when 0", () => {
    const product = {
      ...base,
      salesRankReference: 1000,
      salesRanks: { "1000": [1, 5, 2, 0], "283155": [1, 9] },
      stats: stats(7),
    };
    expect(extractBsr(product, NOW)).toEqual({ rank: 0, source: "salesRanks.reference", categoryId: 1000 });
  });

  it("2. another salesRanks entry (root category first) when the reference has none", () => {
    const product = {
      ...base,
      salesRankReference: 1000,
      salesRanks: { "1000": [1, 5, 2, -1], "77": [5, 3], "283155": [1, 9] },
    };
    expect(extractBsr(product, NOW)).toEqual({ rank: 9, source: "salesRanks.other", categoryId: 283_155 });
    const noRoot = { ...base, salesRankReference: -1, salesRanks: { "77": [5, 3], "88": [6, 4] } };
    expect(extractBsr(noRoot, NOW)).toEqual({ rank: 4, source: "salesRanks.other", categoryId: 88 });
  });

  it("3. stats.current[SALES]", () => {
    expect(extractBsr({ ...base, salesRanks: null, stats: stats(1234, 99) }, NOW)).toEqual({
      rank: 1234,
      source: "stats.current",
      categoryId: null,
    });
  });

  it("4. the last csv[SALES] point only when < 24 h old", () => {
    const fresh = { ...base, csv: csvRank(8_000_000 - 60, 4321), stats: stats(-1, 99) };
    expect(extractBsr(fresh, NOW)).toEqual({ rank: 4321, source: "csv.recent", categoryId: null });
    const stale = { ...base, csv: csvRank(8_000_000 - 24 * 60, 4321), stats: stats(-1, 99) };
    expect(extractBsr(stale, NOW)).toEqual({ rank: 99, source: "stats.avg30", categoryId: null });
  });

  it("5. stats.avg30[SALES], else null", () => {
    expect(extractBsr({ ...base, stats: stats(-1, 55) }, NOW)?.source).toBe("stats.avg30");
    expect(extractBsr({ ...base, stats: stats(-1, -1) }, NOW)).toBeNull();
    expect(extractBsr(base, NOW)).toBeNull();
  });
});

describe("prices", () => {
  it("prefer stats.current, fall back to the last csv point (landed for triples), −1 → null", () => {
    const csv: (number[] | null)[] = Array.from({ length: 36 }, () => null);
    csv[CSV.NEW] = [100, 2500, 200, 2400];
    csv[CSV.USED] = [100, 900, 200, -1];
    csv[CSV.BUY_BOX_SHIPPING] = [100, 2000, 399];
    const fromCsv = normalizeProduct({ asin: "0000000001", csv }, { now: 0 });
    expect(fromCsv.prices).toMatchObject({ new: 2400, used: null, buyBox: 2399 });
    const current = Array.from({ length: 36 }, () => -1);
    current[CSV.NEW] = 1999;
    const withStats = normalizeProduct({ asin: "0000000001", csv, stats: { current } }, { now: 0 });
    // stats.current answers for every slot it has: −1 there means "no offer now", whatever csv says.
    expect(withStats.prices).toMatchObject({ new: 1999, used: null, buyBox: null });
  });

  it("use stats.buyBoxPrice + shipping when the buy box csv slot is empty", () => {
    const current = Array.from({ length: 36 }, () => -1);
    const n = normalizeProduct(
      { asin: "0000000001", stats: { current, buyBoxPrice: 1500, buyBoxShipping: 299 } },
      { now: 0 },
    );
    expect(n.prices.buyBox).toBe(1799);
  });

  it("read rating 0..50 as stars, and the FBA count only from offerCountFBA", () => {
    const current = Array.from({ length: 36 }, () => -1);
    current[CSV.RATING] = 45;
    current[CSV.COUNT_REVIEWS] = 1200;
    current[CSV.COUNT_NEW] = 17;
    const n = normalizeProduct({ asin: "0000000001", stats: { current, offerCountFBA: -2 } }, { now: 0 });
    expect(n.rating).toBe(4.5);
    expect(n.reviewCount).toBe(1200);
    expect(n.offerCounts.new).toBe(17);
    expect(n.offerCounts.fba).toBeNull();
    const withFba = normalizeProduct({ asin: "0000000001", stats: { current, offerCountFBA: 3 } }, { now: 0 });
    expect(withFba.offerCounts.fba).toBe(3);
  });
});
