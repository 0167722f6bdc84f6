import { describe, expect, it } from "vitest";
import { normalizeProduct } from "../../src/keepa/normalize.ts";
import type { KeepaProduct } from "../../src/keepa/schemas/product.ts";
import { toScoringInput } from "../../src/sourcing/scoring/from-keepa.ts";
import { scoreProduct } from "../../src/sourcing/scoring/score.ts";
import { findCategory } from "../../src/sourcing/catalogue/supported-categories.ts";

/** A stats array: Keepa's −1 ("no data") in every csv slot not given. */
const slots = (values: Record<number, number>) => Array.from({ length: 36 }, (_, i) => values[i] ?? -1);
/** Keepa minutes 7,900,000 = (7,900,000 + 21,564,000) min × 60,000 = 1,767,840,000,000 ms. */
const LAST_OFFERS_UPDATE = 7_900_000;

const product = (over: Partial<Record<string, unknown>> = {}): KeepaProduct =>
  ({
    asin: "0306406152",
    domainId: 1,
    productType: 0,
    title: "A Book",
    rootCategory: 283155,
    categoryTree: [
      { catId: 283155, name: "Books" },
      { catId: 173514, name: "Medical Books" },
    ],
    referralFeePercentage: 15,
    packageWeight: 500,
    fbaFees: { pickAndPackFee: 306 },
    eanList: ["9780306406157"],
    stats: {
      // csv 1 NEW 4999 and 2 USED 2100 (no shipping), 3 SALES, 7 NEW_FBM_SHIPPING 5200, 10 NEW_FBA 5400,
      // 11/12 counts, 18 BUY_BOX_SHIPPING 5500, 20 USED_VERY_GOOD_SHIPPING 2600, 21 USED_GOOD_SHIPPING 2400
      current: slots({ 1: 4999, 2: 2100, 3: 45_000, 7: 5200, 10: 5400, 11: 3, 12: 7, 18: 5500, 20: 2600, 21: 2400 }),
      avg30: slots({ 1: 5100, 2: 2000, 3: 40_000 }),
      avg90: slots({ 1: 5200, 2: 2200, 3: 50_000, 18: 5600, 21: 2500 }),
      avg180: slots({ 21: 2700 }),
      salesRankDrops30: 0,
      salesRankDrops90: 12,
      lastOffersUpdate: LAST_OFFERS_UPDATE,
    },
    ...over,
  }) as unknown as KeepaProduct;

const NO_PRICE = { buyBoxCents: null, lowestFbaCents: null, lowestCents: null };

describe("toScoringInput", () => {
  it("maps the normalized product field by field (root category drives fees; 0 rank drops stay 0)", () => {
    const input = toScoringInput(normalizeProduct(product()));
    expect(input).toMatchObject({
      asin: "0306406152",
      categoryId: 283155,
      categoryName: "Medical Books",
      bsr: 45_000,
      prices: { amazon: null, new: 4999, used: 2100 },
      offers: { new: 3, used: 7 },
      referralFeePercent: 15,
      fbaPickAndPackFee: 306,
      packageWeightGrams: 500,
      averages: { bsr30: 40_000, bsr90: 50_000 },
      salesRankDrops30: 0,
      salesRankDrops90: 12,
      amazonOnListing: false,
      verification: null,
      offersAsOf: 1_767_840_000_000,
      codes: ["9780306406157"],
    });
  });

  it("carries the per-condition landed market; csv NEW and USED never enter it", () => {
    const { market } = toScoringInput(normalizeProduct(product()));
    // new: buy box csv 18, lowest FBA csv 10, lowest = min(5400, FBM 5200); 90-day: the buy box average
    expect(market.new).toEqual({
      live: null,
      snapshot: { buyBoxCents: 5500, lowestFbaCents: 5400, lowestCents: 5200 },
      average90Cents: 5600,
      average180Cents: null,
    });
    // used_good: csv 21 and its averages; a used snapshot has no FBA price
    expect(market.used_good).toEqual({
      live: null,
      snapshot: { buyBoxCents: null, lowestFbaCents: null, lowestCents: 2400 },
      average90Cents: 2500,
      average180Cents: 2700,
    });
    expect(market.used_very_good.snapshot.lowestCents).toBe(2600);
    // csv USED 2100 is in no used condition
    expect(market.used_like_new).toEqual({
      live: null,
      snapshot: NO_PRICE,
      average90Cents: null,
      average180Cents: null,
    });
    expect(market.used_acceptable.snapshot).toEqual(NO_PRICE);
  });

  it("a product fetched with live offers is verified and scores on them", () => {
    const now = Date.parse("2026-03-01T08:00:00.000Z");
    const offers = [
      { condition: 4, isFBA: true, offerCSV: [LAST_OFFERS_UPDATE, 2300, 0] },
      { condition: 4, isFBA: false, offerCSV: [LAST_OFFERS_UPDATE, 1800, 399] },
      { condition: 1, isFBA: false, offerCSV: [LAST_OFFERS_UPDATE, 5000, 0] },
    ];
    const base = product();
    const fetched = product({
      offers,
      offersSuccessful: true,
      stats: { ...base.stats, buyBoxUsedCondition: 4, buyBoxUsedPrice: 2300, buyBoxUsedShipping: 0 },
    });
    const input = toScoringInput(normalizeProduct(fetched, { now }));
    expect(input.verification).toEqual({ at: now, offersRetrieved: 3, amazonOffer: false, buyBoxIsAmazon: null });
    // used_good (condition 4): used buy box 2300, FBA 2300, FBM 1800 + 399 shipping = 2199
    expect(input.market.used_good.live).toEqual({
      buyBoxCents: 2300,
      lowestFbaCents: 2300,
      lowestCents: 2199,
      offers: 2,
      fbaOffers: 1,
      fbmOffers: 1,
    });
    const s = scoreProduct(input);
    expect(s.sellPrice).toMatchObject({ cents: 2300, source: "buy_box", live: true, observedAt: now });
    expect([s.verified, s.provisional]).toEqual([true, false]);
    expect(s.competition).toEqual({ offers: 2, fbaOffers: 1, fbmOffers: 1, scope: "condition", live: true });
  });

  it("unknown Amazon presence when Keepa has no data (absence is not proven)", () => {
    const input = toScoringInput(normalizeProduct(product({ productType: 4, stats: undefined })));
    expect(input.dataQuality).toBe("unavailable");
    expect(input.amazonOnListing).toBeNull();
  });
});

describe("findCategory", () => {
  it("by id, digits, key or name; unknown → undefined", () => {
    expect(findCategory(173514)?.key).toBe("medical");
    expect(findCategory("173514")?.key).toBe("medical");
    expect(findCategory("Medical")?.id).toBe(173514);
    expect(findCategory("medical books")?.id).toBe(173514);
    expect(findCategory("Baby")).toBeUndefined();
    expect(findCategory(165793011)).toBeUndefined();
  });
});
