import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { classifyPickTier } from "../../src/sourcing/scoring/tiers.ts";
import type { Recommendation, StrategyName } from "../../src/sourcing/scoring/types.ts";

type T = {
  roiPercent: number | null;
  profitCents: number | null;
  velocity: number;
  confidence: number;
  recommendation: Recommendation;
  strategy: StrategyName;
};
const hot: T = {
  roiPercent: 50,
  profitCents: 1500,
  velocity: 80,
  confidence: 85,
  recommendation: "STRONG_BUY",
  strategy: "smart_velocity",
};
const tier = (over: Partial<T>) => classifyPickTier({ ...hot, ...over }, C);

describe("classifyPickTier (thresholds inclusive)", () => {
  it("exactly at every HOT threshold → HOT and featured", () => {
    const r = tier({});
    expect(r.tier).toBe("HOT");
    expect(r.featured).toBe(true);
    expect(r.reason).toBe(
      "HOT: ROI 50% ≥ 50%, profit $15.00 ≥ $15.00, velocity 80 ≥ 80, confidence 85 ≥ 85, STRONG_BUY",
    );
  });

  it.each([
    [{ roiPercent: 49.99 }, "TOP"],
    [{ profitCents: 1499 }, "TOP"],
    [{ velocity: 79.99 }, "TOP"],
    [{ confidence: 84.99 }, "TOP"],
    [{ recommendation: "BUY" as const }, "TOP"],
    [{ roiPercent: 35, profitCents: 1000, velocity: 70, confidence: 75, recommendation: "BUY" as const }, "TOP"],
    [{ roiPercent: 34.99 }, "WATCH"],
    [{ roiPercent: 25, profitCents: 500, velocity: 60, confidence: 65, recommendation: "CONSIDER" as const }, "WATCH"],
    [{ roiPercent: 24.99, profitCents: 500, velocity: 60, confidence: 65 }, "OTHER"],
    [{ velocity: 59.99 }, "OTHER"],
    [{ recommendation: "SKIP" as const }, "OTHER"],
    [{ roiPercent: null, profitCents: null }, "OTHER"],
  ])("%o → %s", (over, expected) => {
    const r = tier(over);
    expect(r.tier).toBe(expected);
    expect(r.featured).toBe(expected === "HOT");
  });

  it("velocity thresholds follow the strategy scale: patience HOT at velocity 40", () => {
    expect(tier({ strategy: "textbooks_patience", velocity: 40 }).tier).toBe("HOT");
    expect(tier({ strategy: "textbooks_patience", velocity: 39.99 }).tier).toBe("TOP");
    expect(tier({ strategy: "smart_velocity", velocity: 40 }).tier).toBe("OTHER");
  });

  it("explains OTHER with the WATCH misses", () => {
    expect(tier({ roiPercent: 10, recommendation: "SKIP" }).reason).toBe(
      "OTHER: below WATCH (ROI 10% < 25%; recommendation SKIP below CONSIDER)",
    );
  });
});
