import { describe, expect, it } from "vitest";
import { meetsThresholds } from "../../src/sourcing/index.ts";
import { byRanking } from "../../src/sourcing/scoring/view.ts";
import type { ScoredProductView } from "../../src/sourcing/scoring/view.ts";

/** A scored product as the API returns it; only the fields ranking and filtering read differ between cases. */
function view(asin: string, over: Partial<ScoredProductView>): ScoredProductView {
  return {
    asin,
    currency: "USD",
    title: asin,
    category: "Books",
    bsr: 50_000,
    sellCondition: "used_good",
    sellPrice: {
      cents: 3000,
      condition: "used_good",
      landed: true,
      source: "lowest_offer",
      live: true,
      observedAt: "2026-03-01T08:00:00.000Z",
    },
    buyCost: {
      cents: 1000,
      model: "flatCents",
      detail: "flat cost per item",
      condition: null,
      landed: false,
      live: false,
    },
    sellPriceCents: 3000,
    buyPriceCents: 1000,
    maxBuyCents: 1200,
    maxBuyRule: "target_roi",
    verified: true,
    verifiedAt: "2026-03-01T08:00:00.000Z",
    provisional: false,
    competition: { offers: 4, fbaOffers: 2, fbmOffers: 2, scope: "condition", live: true },
    estimate: { roiPercent: 80, basis: "condition_price" },
    profitCents: 800,
    roiPercent: 80,
    velocity: 60,
    velocityTier: "fast",
    stability: 70,
    confidence: 80,
    recommendation: "BUY",
    conditionSignal: "STRONG",
    amazonOnListing: false,
    fbaSellers: 2,
    rankingScore: 72,
    strategy: "smart_velocity",
    dataQuality: "full",
    reasons: [],
    warnings: [],
    ...over,
  };
}

// Amazon on the listing: 200 % ROI and top velocity, yet a hard SKIP.
const amazon = view("AMAZON0001", {
  roiPercent: 200,
  velocity: 90,
  rankingScore: 156,
  amazonOnListing: true,
  recommendation: "SKIP",
});
const buy = view("BUY0000001", { roiPercent: 45, velocity: 55, rankingScore: 49, recommendation: "BUY" });
const strong = view("STRONG0001", { roiPercent: 60, velocity: 80, rankingScore: 68, recommendation: "STRONG_BUY" });
const consider = view("CONSIDER01", { roiPercent: 120, velocity: 30, rankingScore: 84, recommendation: "CONSIDER" });
const noRoi = view("NOROI00001", { roiPercent: null, rankingScore: null, recommendation: "SKIP" });
const weakSkip = view("SKIP000001", { roiPercent: 5, velocity: 10, rankingScore: 7, recommendation: "SKIP" });

describe("byRanking: recommendation first, then 0.6·ROI + 0.4·velocity", () => {
  it("a 200 % ROI SKIP (Amazon on the listing) sorts below every BUY and CONSIDER", () => {
    const order = [amazon, noRoi, consider, buy, weakSkip, strong].sort(byRanking).map((v) => v.asin);
    expect(order).toEqual(["STRONG0001", "BUY0000001", "CONSIDER01", "AMAZON0001", "SKIP000001", "NOROI00001"]);
  });

  it("within one recommendation the higher ranking score wins; no ROI goes last", () => {
    const a = view("A000000001", { rankingScore: 50 });
    const b = view("B000000001", { rankingScore: 90 });
    const c = view("C000000001", { rankingScore: null, roiPercent: null });
    expect([c, a, b].sort(byRanking).map((v) => v.asin)).toEqual(["B000000001", "A000000001", "C000000001"]);
  });
});

describe("discover_with_scoring filter", () => {
  it("drops a listing Amazon sells on even with no minimums asked", () => {
    expect(meetsThresholds(amazon, {})).toBe(false);
    expect(meetsThresholds(buy, {})).toBe(true);
  });

  it("keeps an unknown Amazon presence (the recommendation caps it and says so)", () => {
    expect(meetsThresholds(view("UNKNOWN001", { amazonOnListing: null }), {})).toBe(true);
  });

  it("applies min_roi and min_velocity inclusively; no ROI fails a min_roi", () => {
    expect(meetsThresholds(buy, { minRoi: 45, minVelocity: 55 })).toBe(true);
    expect(meetsThresholds(buy, { minRoi: 45.01 })).toBe(false);
    expect(meetsThresholds(buy, { minVelocity: 56 })).toBe(false);
    expect(meetsThresholds(noRoi, { minRoi: -100 })).toBe(false);
  });
});
