import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { recommend } from "../../src/sourcing/scoring/recommendation.ts";
import type { RecommendationInput } from "../../src/sourcing/scoring/recommendation.ts";
import type { StrategyName } from "../../src/sourcing/scoring/types.ts";

/** A verified used_good book, bought at 40 % of its $120 live lowest offer: clears every smart_velocity cap. */
const base: RecommendationInput = {
  condition: "used_good",
  costModel: "percentOfSell",
  roiPercent: 60,
  profitCents: 3000,
  buy: { cents: 4800, model: "percentOfSell", detail: "40 % of sell", condition: null, landed: false, live: false },
  sell: { cents: 12_000, condition: "used_good", landed: true, source: "lowest_offer", live: true, observedAt: 1 },
  bsr: 20_000,
  velocity: 85,
  stability: 90,
  confidence: 100,
  amazonOnListing: false,
  fbaSellers: 2,
  verified: true,
  belowMinProfit: "cap",
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
    // textbook strategies need stability ≥ 60 and at most 3 or 5 FBA offers: 90 and 2 pass
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

  it("no sell price names the condition, and says when live offers could still show one", () => {
    const none = { sell: null, buy: null, roiPercent: null, profitCents: null };
    const missing = "no landed used_good price (no buy box, offer or 90/180-day average in that condition)";
    expect(rec(none).reasons).toEqual([missing]);
    expect(rec({ ...none, verified: false }).reasons).toEqual([`${missing}; not verified: live offers may show one`]);
    expect(rec({ ...none, condition: "new" }).reasons[0]).toMatch(/^no landed new price/);
  });

  it.each([
    ["percentOfSell", "no buy cost: there is no sell price to take a percentage of"],
    ["flatCents", "no buy cost"],
    ["perItem", "no buy cost: this item is not in the cost list"],
    ["amazonOffer", "no buy cost: no Amazon offer in the chosen buy condition"],
  ] as const)("no buy cost under %s → SKIP: %s", (costModel, reason) => {
    const r = rec({ costModel, buy: null, roiPercent: null, profitCents: null });
    expect([r.recommendation, r.reasons]).toEqual(["SKIP", [reason]]);
  });

  it.each([
    [{ buy: { ...base.buy!, cents: 0 }, roiPercent: null }, /ROI undefined/],
    [{ bsr: null }, /BSR unknown/],
    [{ bsr: -1 }, /BSR unknown/],
    [{ dataQuality: "unavailable" as const }, /unavailable/],
    [{ profitCents: 0, roiPercent: 0 }, /no profit \(\$0\.00\)/],
    [{ profitCents: -250, roiPercent: -5.21 }, /no profit \(-\$2\.50\)/],
  ])("%o → SKIP", (over, reason) => {
    const r = rec(over);
    expect(r.recommendation).toBe("SKIP");
    expect(r.reasons.some((x) => reason.test(x))).toBe(true);
  });

  it("belowMinProfit skip: a profit under the strategy minimum is SKIP, at the minimum it is not", () => {
    // smart_velocity minimum $12.00
    const r = rec({ profitCents: 1199, belowMinProfit: "skip" });
    expect([r.recommendation, r.reasons]).toEqual(["SKIP", ["profit $11.99 < strategy minimum $12.00"]]);
    expect(rec({ profitCents: 1200, belowMinProfit: "skip" }).recommendation).toBe("STRONG_BUY");
    // a loss is "no profit", not also "below the minimum"
    expect(rec({ profitCents: -1, roiPercent: -0.02, belowMinProfit: "skip" }).reasons).toEqual(["no profit (-$0.01)"]);
  });

  it("BSR 0 is a valid rank and is not rejected", () => {
    expect(rec({ bsr: 0 }).recommendation).toBe("STRONG_BUY");
  });
});

describe("caps", () => {
  const average90 = { ...base.sell!, source: "average_90d" as const, live: false, observedAt: null };
  const average180 = { ...average90, source: "average_180d" as const };
  it.each([
    [{ verified: false }, "BUY"],
    [{ amazonOnListing: null }, "BUY"],
    [{ dataQuality: "degraded" as const }, "BUY"],
    [{ confidence: 49.99 }, "CONSIDER"],
    [{ confidence: 50 }, "STRONG_BUY"],
    [{ sell: average90 }, "CONSIDER"],
    [{ sell: average180 }, "CONSIDER"],
    [{ profitCents: 1199 }, "CONSIDER"],
    [{ profitCents: 1200 }, "STRONG_BUY"],
    [{ fbaSellers: 6 }, "CONSIDER"],
    [{ fbaSellers: 5 }, "STRONG_BUY"],
    [{ fbaSellers: null }, "STRONG_BUY"],
    [{ stability: 39.99 }, "CONSIDER"],
    [{ stability: 40 }, "STRONG_BUY"],
  ])("%o → %s", (over, expected) => {
    expect(rec(over).recommendation).toBe(expected);
  });

  it("caps follow the strategy: textbooks allow 3 FBA offers and need stability 60", () => {
    // textbooks: velocity 85 ≥ 50 and ROI 60 ≥ 50 → STRONG_BUY before caps; profit 3000 ≥ 2000
    expect(rec({}, "textbooks").recommendation).toBe("STRONG_BUY");
    expect(rec({ fbaSellers: 4 }, "textbooks").recommendation).toBe("CONSIDER");
    expect(rec({ fbaSellers: 4 }, "textbooks_standard").recommendation).toBe("STRONG_BUY");
    expect(rec({ stability: 59.99 }, "textbooks").recommendation).toBe("CONSIDER");
    // Unknown stability (no component had data) is not "below the minimum": no cap.
    expect(rec({ stability: null }, "textbooks").recommendation).toBe("STRONG_BUY");
  });

  it("each cap gives its reason", () => {
    expect(rec({ verified: false }).reasons[1]).toBe(
      "capped at BUY: provisional: not verified with live offers (STRONG_BUY needs them)",
    );
    expect(rec({ sell: average90 }).reasons[1]).toBe(
      "capped at CONSIDER: sell price is a historical average: no current used_good offer",
    );
    expect(rec({ fbaSellers: 6 }).reasons[1]).toBe(
      "capped at CONSIDER: 6 FBA offers in used_good > strategy maximum 5",
    );
    expect(rec({ stability: 39.99 }).reasons[1]).toBe("capped at CONSIDER: stability 39.99 < strategy minimum 40");
    expect(rec({ profitCents: 1000 }).reasons[1]).toBe("capped at CONSIDER: profit $10.00 < strategy minimum $12.00");
  });

  it("a cap never raises a low recommendation; only the caps that lower it are recorded", () => {
    expect(rec({ roiPercent: 20, velocity: 45, amazonOnListing: null }).recommendation).toBe("CONSIDER");
    // provisional lowers STRONG_BUY to BUY, the historical average then to CONSIDER; stability 30 finds it there
    const r = rec({ verified: false, sell: average90, stability: 30 });
    expect(r.recommendation).toBe("CONSIDER");
    expect(r.reasons).toEqual([
      "ROI 60% ≥ 50% and velocity 85 ≥ 80 → STRONG_BUY",
      "capped at BUY: provisional: not verified with live offers (STRONG_BUY needs them)",
      "capped at CONSIDER: sell price is a historical average: no current used_good offer",
    ]);
  });
});
