import { describe, it, expect } from "vitest";
import { resolveScoringConfig } from "../../src/sourcing/scoring/config.ts";
import { scoreProduct } from "../../src/sourcing/scoring/score.ts";
import { classifyPickTier } from "../../src/sourcing/scoring/tiers.ts";
import { DEFAULT_SCORING_CONFIG } from "../../src/sourcing/scoring/config.ts";
import type { ScoringInput } from "../../src/sourcing/scoring/types.ts";

type Over = Partial<Omit<ScoringInput, "prices" | "offers" | "averages">> & {
  prices?: Partial<ScoringInput["prices"]>;
  offers?: Partial<ScoringInput["offers"]>;
  averages?: Partial<ScoringInput["averages"]>;
};

/** A healthy book: used copy at $8.00, buy box $39.99, BSR 20k, 1 lb, full Keepa data. */
function product(over: Over = {}): ScoringInput {
  const base: ScoringInput = {
    asin: "0000000001",
    title: "Intro to Widgets",
    categoryId: 283155,
    categoryName: "Books",
    bsr: 20_000,
    prices: { amazon: null, new: 3500, used: 800, buyBox: 3999, newFba: 3700 },
    offers: { new: 4, used: 6, fba: 2 },
    amazonOnListing: false,
    referralFeePercent: null,
    fbaPickAndPackFee: null,
    packageWeightGrams: 454,
    averages: { new90: 4000, used90: 900, bsr30: 22_000, bsr90: 20_000 },
    salesRankDrops30: 25,
    salesRankDrops90: 70,
    rating: 4.5,
    reviewCount: 120,
    dataQuality: "full",
  };
  return {
    ...base,
    ...over,
    prices: { ...base.prices, ...over.prices },
    offers: { ...base.offers, ...over.offers },
    averages: { ...base.averages, ...over.averages },
  };
}

describe("scoreProduct end to end", () => {
  it("healthy book under smart_velocity → STRONG_BUY with every number traceable", () => {
    const s = scoreProduct(product());
    expect(s.strategy).toBe("smart_velocity");
    expect([s.buyPriceCents, s.buyPriceSource, s.sellPriceCents, s.sellPriceSource]).toEqual([
      800,
      "used_offer",
      3999,
      "buyBox",
    ]);
    expect(s.fees?.totalCents).toBe(1130);
    expect(s.profit?.bufferCents).toBe(200);
    expect(s.profitCents).toBe(1869);
    expect(s.roiPercent).toBe(233.63);
    expect([s.velocity, s.velocityTier]).toEqual([85, "fast"]);
    expect(s.stability).toBeCloseTo(97.69, 2);
    expect(s.confidence).toBe(100);
    expect(s.conditionSignal).toBe("WEAK");
    expect(s.recommendation).toBe("STRONG_BUY");
    expect(s.reasons).toEqual(["ROI 233.63% ≥ 50% and velocity 85 ≥ 80 → STRONG_BUY"]);
    expect(s.warnings).toEqual([]);
    expect(classifyPickTier(s, DEFAULT_SCORING_CONFIG).tier).toBe("HOT");
  });

  it("strategy changes buffer and velocity scale", () => {
    const s = scoreProduct(product(), { strategy: "textbooks_standard" });
    expect(s.profitCents).toBe(1789);
    expect(s.roiPercent).toBe(223.63);
    expect(s.velocity).toBe(82);
  });

  it("ROI is real per product, never a constant", () => {
    const a = scoreProduct(product({ prices: { used: 800 } }));
    const b = scoreProduct(product({ prices: { used: 1500 } }));
    expect(a.roiPercent).not.toBe(b.roiPercent);
    expect(b.roiPercent).toBe(77.93); // (2669 − 1500) / 1500
  });

  it("the user's source price wins over offers; 0 is kept but ROI is undefined → SKIP", () => {
    expect(scoreProduct(product(), { sourcePriceCents: 1200 }).buyPriceSource).toBe("source_price");
    expect(scoreProduct(product(), { sourcePriceCents: 1200 }).profitCents).toBe(1469);
    const free = scoreProduct(product(), { sourcePriceCents: 0 });
    expect([free.buyPriceCents, free.profitCents, free.roiPercent, free.recommendation]).toEqual([
      0,
      2669,
      null,
      "SKIP",
    ]);
  });

  it("buys the cheaper of used and new; sells buy box → new → used", () => {
    const s = scoreProduct(product({ prices: { used: 3600, new: 3500, buyBox: null } }));
    expect([s.buyPriceCents, s.buyPriceSource, s.sellPriceSource]).toEqual([3500, "new_offer", "new"]);
    expect(scoreProduct(product({ prices: { buyBox: null, new: null } })).sellPriceSource).toBe("used");
  });

  it("ROI exactly 30 % scores BUY; one cent less profit → CONSIDER", () => {
    const at30 = product({ bsr: 50_000, prices: { buyBox: 20_000 }, fbaPickAndPackFee: 160 });
    const s = scoreProduct(at30, { sourcePriceCents: 12_000 });
    expect([s.profitCents, s.roiPercent, s.velocity, s.recommendation]).toEqual([3600, 30, 70, "BUY"]);
    const below = scoreProduct({ ...at30, fbaPickAndPackFee: 161 }, { sourcePriceCents: 12_000 });
    expect([below.roiPercent, below.recommendation]).toEqual([29.99, "CONSIDER"]);
  });

  it("Amazon on the listing → SKIP", () => {
    const s = scoreProduct(product({ amazonOnListing: true, prices: { amazon: 3899 } }));
    expect(s.recommendation).toBe("SKIP");
    expect(s.reasons).toContain("Amazon sells on this listing: rejected");
    expect(s.roiPercent).toBe(233.63);
  });

  it("unknown Amazon presence caps at BUY and warns", () => {
    const s = scoreProduct(product({ amazonOnListing: null }));
    expect(s.recommendation).toBe("BUY");
    expect(s.warnings).toContain("Amazon presence on the listing unknown");
  });

  it("no prices at all → no invented numbers, SKIP with reasons", () => {
    const s = scoreProduct(product({ prices: { new: null, used: null, buyBox: null, newFba: null } }));
    expect([s.buyPriceCents, s.sellPriceCents, s.fees, s.profit, s.profitCents, s.roiPercent]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(s.recommendation).toBe("SKIP");
    expect(s.reasons).toEqual([
      "no sell price (buy box, new and used all missing)",
      "no buy price (no used/new offer and no source price)",
    ]);
  });

  it("sell price but no buy price → fees shown, profit null, SKIP", () => {
    const s = scoreProduct(product({ prices: { new: null, used: null } }));
    expect(s.fees?.totalCents).toBe(1130);
    expect(s.profitCents).toBeNull();
    expect(s.recommendation).toBe("SKIP");
  });

  it("BSR 0 is the best rank; unknown BSR → SKIP", () => {
    expect(scoreProduct(product({ bsr: 0 })).velocity).toBe(100);
    const unknown = scoreProduct(product({ bsr: null }));
    expect([unknown.velocity, unknown.velocityTier, unknown.recommendation]).toEqual([0, "unknown", "SKIP"]);
    expect(unknown.warnings).toContain("BSR unknown");
  });

  it("degraded data lowers confidence and caps at BUY; unavailable → SKIP", () => {
    const degraded = scoreProduct(product({ dataQuality: "degraded" }));
    expect([degraded.confidence, degraded.recommendation]).toEqual([70, "BUY"]);
    expect(degraded.warnings).toContain("data quality degraded");
    expect(scoreProduct(product({ dataQuality: "unavailable" })).recommendation).toBe("SKIP");
  });

  it("too many FBA sellers for the strategy caps at CONSIDER", () => {
    expect(scoreProduct(product({ offers: { fba: 6 } })).recommendation).toBe("CONSIDER");
    expect(scoreProduct(product({ offers: { fba: 0 } })).recommendation).toBe("STRONG_BUY");
  });

  it("patience strategy warns about locked capital", () => {
    expect(
      scoreProduct(product({ bsr: 300_000 }), { strategy: "textbooks_patience" }).warnings.some((w) =>
        /capital/.test(w),
      ),
    ).toBe(true);
  });

  it("honours an overridden config", () => {
    const config = resolveScoringConfig({ recommendation: { roi: { strongBuy: 300 } } });
    expect(scoreProduct(product(), { config }).recommendation).toBe("BUY");
  });
});
