import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { recommend } from "../../src/sourcing/scoring/recommendation.ts";
import type { RecommendationInput } from "../../src/sourcing/scoring/recommendation.ts";
import type { StrategyName } from "../../src/sourcing/scoring/types.ts";

const base: RecommendationInput = {
  roiPercent: 60,
  profitCents: 3000,
  buyPriceCents: 5000,
  sellPriceCents: 12000,
  bsr: 20_000,
  velocity: 85,
  confidence: 100,
  amazonOnListing: false,
  fbaSellers: 2,
  dataQuality: "full",
};
const rec = (over: Partial<RecommendationInput>, strategy: StrategyName = "smart_velocity") =>
  recommend({ ...base, ...over }, C, C.strategies[strategy]);

describe("recommendation ladder boundaries (inclusive thresholds)", () => {
  it.each([
    [50, 80, "STRONG_BUY"],
    [49.99, 80, "BUY"],
    [50, 79.99, "BUY"],
    [30, 60, "BUY"],
    [29.99, 60, "CONSIDER"],
    [30, 59.99, "CONSIDER"],
    [15, 40, "CONSIDER"],
    [14.99, 40, "SKIP"],
    [15, 39.99, "SKIP"],
  ])("smart_velocity ROI %d, velocity %d → %s", (roiPercent, velocity, expected) => {
    expect(rec({ roiPercent, velocity }).recommendation).toBe(expected);
  });

  it.each([
    ["textbooks_standard", 50, 50, "STRONG_BUY"],
    ["textbooks_standard", 30, 40, "BUY"],
    ["textbooks_standard", 15, 30, "CONSIDER"],
    ["textbooks_standard", 15, 29.99, "SKIP"],
    ["textbooks_patience", 50, 40, "STRONG_BUY"],
    ["textbooks_patience", 30, 30, "BUY"],
    ["textbooks_patience", 15, 20, "CONSIDER"],
    ["textbooks_patience", 15, 19.99, "SKIP"],
    ["textbooks", 50, 49.99, "BUY"],
  ] as const)("%s ROI %d, velocity %d → %s", (strategy, roiPercent, velocity, expected) => {
    expect(rec({ roiPercent, velocity }, strategy).recommendation).toBe(expected);
  });

  it("explains a SKIP from the ladder", () => {
    expect(rec({ roiPercent: 10, velocity: 30 }).reasons).toEqual(["ROI 10% < 15% and velocity 30 < 40 → SKIP"]);
  });
});

describe("hard rejections", () => {
  it("Amazon on the listing → SKIP whatever the numbers", () => {
    const r = rec({ amazonOnListing: true, roiPercent: 500 });
    expect(r.recommendation).toBe("SKIP");
    expect(r.reasons).toEqual(["Amazon sells on this listing: rejected"]);
  });

  it.each([
    [{ sellPriceCents: null, roiPercent: null, profitCents: null }, /no sell price/],
    [{ buyPriceCents: null, roiPercent: null, profitCents: null }, /no buy price/],
    [{ buyPriceCents: 0, roiPercent: null }, /ROI undefined/],
    [{ bsr: null }, /BSR unknown/],
    [{ dataQuality: "unavailable" as const }, /unavailable/],
    [{ profitCents: 0, roiPercent: 0 }, /no profit/],
  ])("%o → SKIP", (over, reason) => {
    const r = rec(over);
    expect(r.recommendation).toBe("SKIP");
    expect(r.reasons.some((x) => reason.test(x))).toBe(true);
  });

  it("BSR 0 is a valid rank and is not rejected", () => {
    expect(rec({ bsr: 0 }).recommendation).toBe("STRONG_BUY");
  });
});

describe("caps", () => {
  it.each([
    [{ amazonOnListing: null }, "BUY"],
    [{ dataQuality: "degraded" as const }, "BUY"],
    [{ confidence: 49.99 }, "CONSIDER"],
    [{ confidence: 50 }, "STRONG_BUY"],
    [{ profitCents: 1199 }, "CONSIDER"],
    [{ profitCents: 1200 }, "STRONG_BUY"],
    [{ fbaSellers: 6 }, "CONSIDER"],
    [{ fbaSellers: 5 }, "STRONG_BUY"],
    [{ fbaSellers: null }, "STRONG_BUY"],
  ])("%o → %s", (over, expected) => {
    expect(rec(over).recommendation).toBe(expected);
  });

  it("a cap never raises a low recommendation and records why it lowered one", () => {
    expect(rec({ roiPercent: 20, velocity: 45, amazonOnListing: null }).recommendation).toBe("CONSIDER");
    const capped = rec({ profitCents: 1000 });
    expect(capped.reasons[1]).toBe("capped at CONSIDER: profit $10.00 < strategy minimum $12.00");
  });
});
