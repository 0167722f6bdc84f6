import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG, resolveScoringConfig } from "../../src/sourcing/scoring/config.ts";
import { scoreProduct } from "../../src/sourcing/scoring/score.ts";
import { classifyPickTier } from "../../src/sourcing/scoring/tiers.ts";
import { SNAPSHOT_AT, VERIFIED_AT, book, market, verified } from "./helpers/books.ts";
import type { BookOver, ConditionOver } from "./helpers/books.ts";

/*
 * The healthy book: Books (referral 15 % from config), BSR 20,000, 454 g, used_good sold at $60.00 landed (Keepa's last
 * collected lowest used-good offer) with a 90-day used-good average of $60.00; Keepa counts 6 used offers.
 *
 * Its numbers under smart_velocity (buffer 5 %, min profit $12, target ROI 30 %) and the default cost model (40 %):
 *   buy      40 % × 6000 = 2400
 *   fees     referral 15 % × 6000 = 900, closing 180, FBA 454 g ≤ 454 g tier = 290,
 *            inbound 454 / 453.592 × 40 = 40.04 → 40, prep 20 → 1430
 *   buffer   5 % × 6000 = 300
 *   profit   6000 − 1430 − 300 − 2400 = 1870; ROI 1870 / 2400 = 77.917 → 77.92
 *   max buy  available 6000 − 1430 − 300 = 4270; by ROI ⌊4270 / 1.30⌋ = 3284; by profit 4270 − 1200 = 3070 → 3070
 *   velocity BSR 20,000 in the 10k–50k tier (90 → 70): 90 − 20 × 10,000 / 40,000 = 85
 */
const USED_GOOD: ConditionOver = { snapshot: { lowestCents: 6000 }, average90Cents: 6000 };
const healthy = (over: BookOver = {}) => book({ market: market({ used_good: USED_GOOD }), ...over });
/** The same book fetched with live offers: 3 used-good offers (1 FBA, 2 FBM), the lowest still $60.00. */
const healthyVerified = (over: BookOver = {}) =>
  book({
    market: market({ used_good: { ...USED_GOOD, live: { lowestCents: 6000, fbaOffers: 1, fbmOffers: 2 } } }),
    verification: verified(),
    ...over,
  });

describe("scoreProduct end to end", () => {
  it("healthy used_good book, unverified: every number traceable, provisional so capped at BUY", () => {
    const s = scoreProduct(healthy());
    expect([s.strategy, s.sellCondition]).toEqual(["smart_velocity", "used_good"]);
    expect(s.sellPrice).toEqual({
      cents: 6000,
      condition: "used_good",
      landed: true,
      source: "lowest_offer",
      live: false,
      observedAt: SNAPSHOT_AT,
    });
    expect(s.buyCost).toEqual({
      cents: 2400,
      model: "percentOfSell",
      detail: "40 % of sell",
      condition: null,
      landed: false,
      live: false,
    });
    expect([s.sellPriceCents, s.buyPriceCents]).toEqual([6000, 2400]);
    expect(s.fees).toMatchObject({ referralCents: 900, closingCents: 180, fbaCents: 290, inboundCents: 40 });
    expect(s.fees).toMatchObject({ prepCents: 20, totalCents: 1430, referralSource: "config" });
    expect(s.profit?.bufferCents).toBe(300);
    expect([s.profitCents, s.roiPercent]).toEqual([1870, 77.92]);
    expect([s.maxBuyCents, s.maxBuyRule]).toEqual([3070, "min_profit"]);
    expect([s.velocity, s.velocityTier]).toEqual([85, "fast"]);
    // price: sell = its 90-day average → 100; BSR: |22,000 − 20,000| / 20,000 = 10 % × 50 → 95;
    // competition: Keepa's 6 used offers (all conditions) → 100 − (6 − 3) × 4 = 88; 0.5·100 + 0.3·95 + 0.2·88 = 96.1
    expect(s.stability).toBe(96.1);
    expect(s.confidence).toBe(100);
    // ROI 77.92 ≥ 25 % with 6 ≤ 10 offers
    expect(s.conditionSignal).toBe("STRONG");
    expect(s.competition).toEqual({ offers: 6, fbaOffers: null, fbmOffers: null, scope: "all_used", live: false });
    expect([s.verified, s.verifiedAt, s.provisional]).toEqual([false, null, true]);
    expect(s.estimate).toEqual({ roiPercent: 77.92, basis: "condition_price" });
    expect(s.recommendation).toBe("BUY");
    expect(s.reasons).toEqual([
      "ROI 77.92% ≥ 50% and velocity 85 ≥ 80 → STRONG_BUY",
      "capped at BUY: provisional: not verified with live offers (STRONG_BUY needs them)",
    ]);
    expect(s.warnings).toEqual([]);
  });

  it("the same book verified → STRONG_BUY, a HOT pick", () => {
    const s = scoreProduct(healthyVerified());
    expect(s.sellPrice).toMatchObject({ cents: 6000, source: "lowest_offer", live: true, observedAt: VERIFIED_AT });
    expect([s.verified, s.verifiedAt, s.provisional]).toEqual([true, VERIFIED_AT, false]);
    expect(s.competition).toEqual({ offers: 3, fbaOffers: 1, fbmOffers: 2, scope: "condition", live: true });
    // competition: 3 live offers ≤ 3 free sellers → 100; 0.5·100 + 0.3·95 + 0.2·100 = 98.5
    expect(s.stability).toBe(98.5);
    expect([s.profitCents, s.roiPercent, s.recommendation]).toEqual([1870, 77.92, "STRONG_BUY"]);
    expect(s.reasons).toEqual(["ROI 77.92% ≥ 50% and velocity 85 ≥ 80 → STRONG_BUY"]);
    // HOT: ROI 77.92 ≥ 50, profit 1870 ≥ 1500, velocity 85 ≥ 80, confidence 100 ≥ 85, STRONG_BUY
    expect(classifyPickTier(s, DEFAULT_SCORING_CONFIG).tier).toBe("HOT");
  });

  it("strategy changes buffer, velocity scale and max buy", () => {
    const s = scoreProduct(healthyVerified(), { strategy: "textbooks_standard" });
    // buffer 7 % × 6000 = 420; profit 6000 − 1430 − 420 − 2400 = 1750; ROI 1750 / 2400 = 72.917 → 72.92
    expect([s.profit?.bufferCents, s.profitCents, s.roiPercent]).toEqual([420, 1750, 72.92]);
    // BSR 20,000 in the ≤ 100k tier (85 → 70): 85 − 15 × 20,000 / 100,000 = 82
    expect(s.velocity).toBe(82);
    // available 6000 − 1430 − 420 = 4150; by ROI 40 %: ⌊4150 / 1.40⌋ = 2964; by profit 4150 − 1500 = 2650 → 2650
    expect([s.maxBuyCents, s.maxBuyRule]).toEqual([2650, "min_profit"]);
  });

  it("ROI is real per product, never a constant", () => {
    const a = scoreProduct(healthy(), { costModel: { model: "flatCents", cents: 800 } });
    const b = scoreProduct(healthy(), { costModel: { model: "flatCents", cents: 1500 } });
    // (4270 − 800) / 800 = 433.75; (4270 − 1500) / 1500 = 184.667 → 184.67
    expect([a.roiPercent, b.roiPercent]).toEqual([433.75, 184.67]);
  });
});

describe("sell price: one condition, best source first", () => {
  it("another condition's price never stands in: no used_good price → SKIP, selling new works", () => {
    const input = book({
      market: market({
        new: { snapshot: { buyBoxCents: 9000, lowestCents: 8500 }, average90Cents: 9000 },
        used_very_good: { snapshot: { lowestCents: 7000 } },
      }),
    });
    const used = scoreProduct(input);
    expect([used.sellPrice, used.buyCost, used.fees, used.profit, used.maxBuyCents, used.maxBuyRule]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(used.recommendation).toBe("SKIP");
    expect(used.reasons).toEqual([
      "no landed used_good price (no buy box, offer or 90/180-day average in that condition); not verified: live offers may show one",
    ]);

    const fresh = scoreProduct(input, { sellCondition: "new" });
    expect(fresh.sellPrice).toMatchObject({ cents: 9000, condition: "new", source: "buy_box", live: false });
    // Keepa's new counts: 4 offers, 2 FBA
    expect(fresh.competition).toEqual({ offers: 4, fbaOffers: 2, fbmOffers: null, scope: "all_new", live: false });
    // buy 40 % × 9000 = 3600; fees 15 % × 9000 = 1350 + 180 + 290 + 40 + 20 = 1880; buffer 450;
    // profit 9000 − 1880 − 450 − 3600 = 3070; ROI 3070 / 3600 = 85.28
    expect([fresh.buyPriceCents, fresh.fees?.totalCents, fresh.profitCents, fresh.roiPercent]).toEqual([
      3600, 1880, 3070, 85.28,
    ]);
  });

  it("live offers replace the snapshot: an FBA copy the live offers do not show is not brought back", () => {
    const s = scoreProduct(
      book({
        market: market({
          used_good: {
            snapshot: { buyBoxCents: 6500, lowestCents: 6000 },
            live: { lowestCents: 5000, fbaOffers: 0, fbmOffers: 4 },
            average90Cents: 5000,
          },
        }),
        verification: verified(),
      }),
    );
    expect(s.sellPrice).toEqual({
      cents: 5000,
      condition: "used_good",
      landed: true,
      source: "lowest_offer",
      live: true,
      observedAt: VERIFIED_AT,
    });
    expect(s.competition).toEqual({ offers: 4, fbaOffers: 0, fbmOffers: 4, scope: "condition", live: true });
  });

  it("a historical average is the last resort, and caps the recommendation at CONSIDER", () => {
    // verified, but the live offers hold no used_good copy
    const s = scoreProduct(healthyVerified({ market: market({ used_good: { live: {}, average90Cents: 6000 } }) }));
    expect(s.sellPrice).toEqual({
      cents: 6000,
      condition: "used_good",
      landed: true,
      source: "average_90d",
      live: false,
      observedAt: null,
    });
    // Same money as the healthy book (ROI 77.92) and verified, but no current used_good offer
    expect([s.roiPercent, s.recommendation]).toEqual([77.92, "CONSIDER"]);
    expect(s.reasons).toContain("capped at CONSIDER: sell price is a historical average: no current used_good offer");
    // no price component (the price IS the average); 0 live offers → competition 100: (0.3·95 + 0.2·100) / 0.5 = 97
    expect(s.stability).toBe(97);
    const older = scoreProduct(healthyVerified({ market: market({ used_good: { live: {}, average180Cents: 5500 } }) }));
    expect(older.sellPrice).toMatchObject({ cents: 5500, source: "average_180d" });
    expect(older.recommendation).toBe("CONSIDER");
  });

  it("no price at all: no invented numbers; the reason says whether live offers could still show one", () => {
    const s = scoreProduct(book());
    expect([s.sellPriceCents, s.buyPriceCents, s.fees, s.profit, s.profitCents, s.roiPercent]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(s.estimate).toEqual({ roiPercent: null, basis: "none" });
    expect(scoreProduct(book({ verification: verified() })).reasons).toEqual([
      "no landed used_good price (no buy box, offer or 90/180-day average in that condition)",
    ]);
  });
});

describe("buy cost models", () => {
  it("the default is 40 % of the sell price, rounded half away from zero", () => {
    expect(DEFAULT_SCORING_CONFIG.defaultCostModel).toEqual({ model: "percentOfSell", percent: 40 });
    // 40 % × 6001 = 2400.4 → 2400; 35 % × 6002 = 2100.7 → 2101
    const input = book({ market: market({ used_good: { snapshot: { lowestCents: 6001 } } }) });
    expect(scoreProduct(input).buyPriceCents).toBe(2400);
    const other = book({ market: market({ used_good: { snapshot: { lowestCents: 6002 } } }) });
    expect(scoreProduct(other, { costModel: { model: "percentOfSell", percent: 35 } }).buyCost).toMatchObject({
      cents: 2101,
      detail: "35 % of sell",
    });
  });

  it("flatCents: one price for every item", () => {
    const s = scoreProduct(healthy(), { costModel: { model: "flatCents", cents: 1500 } });
    expect(s.buyCost).toEqual({
      cents: 1500,
      model: "flatCents",
      detail: "flat cost per item",
      condition: null,
      landed: false,
      live: false,
    });
    // 4270 − 1500 = 2770; 2770 / 1500 = 184.67
    expect([s.profitCents, s.roiPercent]).toEqual([2770, 184.67]);
  });

  it("a deployment's default cost model comes from config", () => {
    // 35 % × 6000 = 2100
    const percent = resolveScoringConfig({ defaultCostModel: { percent: 35 } });
    expect(scoreProduct(healthy(), { config: percent }).buyCost).toMatchObject({ cents: 2100, detail: "35 % of sell" });
    // Another model is set on the config itself: see config.test.ts for why not through resolveScoringConfig.
    const flat = { ...DEFAULT_SCORING_CONFIG, defaultCostModel: { model: "flatCents", cents: 1500 } } as const;
    expect(scoreProduct(healthy(), { config: flat }).buyCost).toMatchObject({ cents: 1500, model: "flatCents" });
  });

  it("perItem: by ASIN or by ISBN-13; an item missing from the list is SKIP but still shows its max buy", () => {
    const input = healthy({ asin: "0306406152", codes: ["9780306406157"] });
    const byAsin = scoreProduct(input, { costModel: { model: "perItem", items: { "0306406152": 1000 } } });
    expect(byAsin.buyCost).toMatchObject({ cents: 1000, detail: "listed cost for 0306406152", landed: false });
    const byCode = scoreProduct(input, { costModel: { model: "perItem", items: { "9780306406157": 1800 } } });
    // 4270 − 1800 = 2470; 2470 / 1800 = 137.22
    expect([byCode.buyCost?.detail, byCode.profitCents, byCode.roiPercent]).toEqual([
      "listed cost for 9780306406157",
      2470,
      137.22,
    ]);
    const missing = scoreProduct(input, { costModel: { model: "perItem", items: { "9780000000000": 500 } } });
    expect([missing.buyCost, missing.profit, missing.recommendation]).toEqual([null, null, "SKIP"]);
    expect(missing.reasons).toEqual(["no buy cost: this item is not in the cost list"]);
    expect([missing.maxBuyCents, missing.maxBuyRule]).toEqual([3070, "min_profit"]);
    // no buy price: 100 − 15 points
    expect(missing.confidence).toBe(85);
  });

  it("amazonOffer: the lowest landed offer in the buy condition, live when verified", () => {
    const input = healthy({
      market: market({ used_good: USED_GOOD, used_very_good: { snapshot: { lowestCents: 2900 } } }),
    });
    const s = scoreProduct(input, { costModel: { model: "amazonOffer", condition: "used_very_good" } });
    expect(s.buyCost).toEqual({
      cents: 2900,
      model: "amazonOffer",
      detail: "lowest landed used_very_good offer on Amazon",
      condition: "used_very_good",
      landed: true,
      live: false,
    });
    // 4270 − 2900 = 1370; ROI 1370 / 2900 = 47.24 < 50 → BUY at velocity 85
    expect([s.profitCents, s.roiPercent, s.recommendation]).toEqual([1370, 47.24, "BUY"]);
    const none = scoreProduct(input, { costModel: { model: "amazonOffer", condition: "used_like_new" } });
    expect([none.buyCost, none.recommendation]).toEqual([null, "SKIP"]);
    expect(none.reasons).toEqual(["no buy cost: no Amazon offer in the chosen buy condition"]);
  });

  it("a buy cost of 0 keeps the profit but leaves ROI undefined → SKIP", () => {
    const s = scoreProduct(healthy(), { costModel: { model: "flatCents", cents: 0 } });
    expect([s.buyPriceCents, s.profitCents, s.roiPercent, s.recommendation]).toEqual([0, 4270, null, "SKIP"]);
    expect(s.reasons).toEqual(["ROI undefined for a buy cost of 0"]);
  });
});

describe("maxBuyCents", () => {
  it("target_roi limits it on an expensive book, and buying at it reaches exactly the target", () => {
    const input = book({ market: market({ used_good: { snapshot: { lowestCents: 10_000 } } }) });
    // fees 15 % × 10,000 = 1500 + 180 + 290 + 40 + 20 = 2030; buffer 500; available 10,000 − 2030 − 500 = 7470;
    // by ROI ⌊7470 / 1.30⌋ = 5746; by profit 7470 − 1200 = 6270 → 5746, target_roi
    const s = scoreProduct(input);
    expect([s.maxBuyCents, s.maxBuyRule]).toEqual([5746, "target_roi"]);
    // at 5746: profit 1724, ROI 1724 / 5746 = 30.00; one cent more: 1723 / 5747 = 29.98
    expect(scoreProduct(input, { costModel: { model: "flatCents", cents: 5746 } }).roiPercent).toBe(30);
    expect(scoreProduct(input, { costModel: { model: "flatCents", cents: 5747 } }).roiPercent).toBe(29.98);
  });

  it("is never below 0: a $10 book cannot make the $12 minimum at any price", () => {
    const s = scoreProduct(book({ market: market({ used_good: { snapshot: { lowestCents: 1000 } } }) }));
    // fees 150 + 530 = 680; buffer 50; available 270; by profit max(0, 270 − 1200) = 0 < by ROI ⌊270 / 1.3⌋ = 207
    expect([s.maxBuyCents, s.maxBuyRule]).toEqual([0, "min_profit"]);
  });
});

describe("recommendation rules on top of the ladder", () => {
  it("ROI exactly 30 % scores BUY; one cent less profit → CONSIDER", () => {
    const at30 = book({
      bsr: 50_000,
      fbaPickAndPackFee: 160,
      market: market({ used_good: { snapshot: { lowestCents: 20_000 }, average90Cents: 20_000 } }),
    });
    const flat = { model: "flatCents", cents: 12_000 } as const;
    // fees 15 % × 20,000 = 3000 + 180 + 160 (Keepa) + 40 + 20 = 3400; buffer 1000;
    // profit 20,000 − 3400 − 1000 − 12,000 = 3600 = 30 % of 12,000; velocity at the 50k tier edge = 70
    const s = scoreProduct(at30, { costModel: flat });
    expect([s.profitCents, s.roiPercent, s.velocity, s.recommendation]).toEqual([3600, 30, 70, "BUY"]);
    const below = scoreProduct({ ...at30, fbaPickAndPackFee: 161 }, { costModel: flat });
    // 3599 / 12,000 = 29.99
    expect([below.roiPercent, below.recommendation]).toEqual([29.99, "CONSIDER"]);
  });

  it("verified FBA offers in the sell condition above the strategy's maximum cap at CONSIDER; Keepa's count does not", () => {
    const crowded = (fbaOffers: number) =>
      healthyVerified({
        market: market({ used_good: { ...USED_GOOD, live: { lowestCents: 6000, fbaOffers, fbmOffers: 0 } } }),
      });
    // smart_velocity maxFbaSellers 5
    expect(scoreProduct(crowded(5)).recommendation).toBe("STRONG_BUY");
    const six = scoreProduct(crowded(6));
    expect(six.recommendation).toBe("CONSIDER");
    expect(six.reasons).toContain("capped at CONSIDER: 6 FBA offers in used_good > strategy maximum 5");
    // unverified: Keepa's FBA count (new offers) is not the sell condition's → provisional BUY only
    expect(scoreProduct(healthy({ offers: { fba: 9 } })).recommendation).toBe("BUY");
  });

  it("stability below the strategy's minimum caps at CONSIDER (inclusive threshold)", () => {
    const swinging = (bsr30: number) =>
      healthyVerified({
        averages: { bsr30, bsr90: 20_000 },
        market: market({
          used_good: { snapshot: {}, average90Cents: 12_000, live: { lowestCents: 6000, fbmOffers: 28 } },
        }),
      });
    // price: |6000 − 12,000| / 12,000 = 50 % × 100 → 50; competition: 100 − (28 − 3) × 4 = 0
    // BSR 40,000 vs 20,000: 100 % × 50 → 50; 0.5·50 + 0.3·50 + 0.2·0 = 40 = smart_velocity minimum 40
    const at = scoreProduct(swinging(40_000));
    expect([at.stability, at.recommendation]).toEqual([40, "STRONG_BUY"]);
    // BSR 41,000: 105 % × 50 = 52.5 → 47.5; 25 + 14.25 + 0 = 39.25
    const below = scoreProduct(swinging(41_000));
    expect([below.stability, below.recommendation]).toEqual([39.25, "CONSIDER"]);
    expect(below.reasons).toContain("capped at CONSIDER: stability 39.25 < strategy minimum 40");
  });

  it("profit below the strategy minimum caps at CONSIDER, or is SKIP when asked", () => {
    const input = healthyVerified({
      market: market({ used_good: { live: { lowestCents: 4000, fbaOffers: 1 }, average90Cents: 4000 } }),
    });
    // buy 1600; fees 600 + 530 = 1130; buffer 200; profit 4000 − 1130 − 200 − 1600 = 1070 < 1200; ROI 66.88
    const capped = scoreProduct(input);
    expect([capped.profitCents, capped.roiPercent, capped.recommendation]).toEqual([1070, 66.88, "CONSIDER"]);
    expect(capped.reasons).toContain("capped at CONSIDER: profit $10.70 < strategy minimum $12.00");
    const skipped = scoreProduct(input, { belowMinProfit: "skip" });
    expect([skipped.recommendation, skipped.reasons]).toEqual(["SKIP", ["profit $10.70 < strategy minimum $12.00"]]);
  });

  it("Amazon on the listing → SKIP, with the numbers still shown", () => {
    const s = scoreProduct(healthyVerified({ amazonOnListing: true }));
    expect(s.recommendation).toBe("SKIP");
    expect(s.reasons).toEqual(["Amazon sells on this listing: rejected"]);
    expect(s.roiPercent).toBe(77.92);
  });

  it("unknown Amazon presence caps a verified STRONG_BUY at BUY and warns", () => {
    const s = scoreProduct(healthyVerified({ amazonOnListing: null }));
    expect(s.recommendation).toBe("BUY");
    expect(s.warnings).toContain("Amazon presence on the listing unknown");
  });

  it("BSR 0 is the best rank; unknown BSR → SKIP", () => {
    expect(scoreProduct(healthy({ bsr: 0 })).velocity).toBe(100);
    const unknown = scoreProduct(healthy({ bsr: null }));
    expect([unknown.velocity, unknown.velocityTier, unknown.recommendation]).toEqual([0, "unknown", "SKIP"]);
    expect(unknown.warnings).toContain("BSR unknown");
  });

  it("degraded data lowers confidence and caps at BUY; unavailable → SKIP", () => {
    const degraded = scoreProduct(healthyVerified({ dataQuality: "degraded" }));
    // 100 points × 0.7
    expect([degraded.confidence, degraded.recommendation]).toEqual([70, "BUY"]);
    expect(degraded.warnings).toContain("data quality degraded");
    expect(scoreProduct(healthyVerified({ dataQuality: "unavailable" })).recommendation).toBe("SKIP");
  });

  it("an unknown weight is assumed 454 g and said so", () => {
    const s = scoreProduct(healthy({ packageWeightGrams: null }));
    expect([s.fees?.weightGrams, s.fees?.weightSource, s.fees?.totalCents]).toEqual([454, "default", 1430]);
    expect(s.warnings).toContain("package weight unknown: assumed 454 g for FBA fee and inbound shipping");
  });

  it("patience strategy warns about locked capital", () => {
    const s = scoreProduct(healthy({ bsr: 300_000 }), { strategy: "textbooks_patience" });
    expect(s.warnings).toContain("patience strategy: capital may stay locked for 4–6 weeks");
  });

  it("honours an overridden config", () => {
    const config = resolveScoringConfig({ recommendation: { roi: { strongBuy: 300 } } });
    expect(scoreProduct(healthyVerified(), { config }).recommendation).toBe("BUY");
  });
});

describe("screening estimate", () => {
  it("without a price in the sell condition, orders by csv USED or NEW, labelled as such", () => {
    const input = book({ prices: { used: 3000, new: 4000 } });
    // used: sell 3000, buy 1200, fees 450 + 530 = 980, buffer 150, profit 670; 670 / 1200 = 55.83
    expect(scoreProduct(input).estimate).toEqual({ roiPercent: 55.83, basis: "csv_used_any_condition" });
    // new: sell 4000, buy 1600, fees 600 + 530 = 1130, buffer 200, profit 1070; 1070 / 1600 = 66.875 → 66.88
    expect(scoreProduct(input, { sellCondition: "new" }).estimate).toEqual({
      roiPercent: 66.88,
      basis: "csv_new_excluding_shipping",
    });
    // the estimate never becomes a recommendation input
    expect(scoreProduct(input).recommendation).toBe("SKIP");
  });
});
