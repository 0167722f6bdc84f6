import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { NICHE_TEMPLATES } from "../../src/sourcing/catalogue/niches.ts";
import { STRATEGY_NAMES } from "../../src/sourcing/scoring/types.ts";
import { maxBsrForVelocity, velocityScore } from "../../src/sourcing/scoring/velocity.ts";

const scale = (name: (typeof STRATEGY_NAMES)[number]) => C.strategies[name].velocity;

describe("velocityScore vectors", () => {
  it.each([
    [0, 100, "very_fast"],
    [5_000, 95, "very_fast"],
    [10_000, 90, "very_fast"],
    [10_001, 90, "fast"],
    [30_000, 80, "fast"],
    [50_000, 70, "fast"],
    [75_000, 60, "moderate"],
    [80_000, 58, "moderate"],
    [100_000, 50, "moderate"],
    [175_000, 40, "slow"],
    [250_000, 30, "slow"],
    [500_000, 10, "very_slow"],
    [500_001, 0, "dead"],
    [3_000_000, 0, "dead"],
  ] as const)("smart_velocity BSR %i → %d (%s)", (bsr, score, tier) => {
    expect(velocityScore(bsr, scale("smart_velocity"))).toEqual({ score, tier });
  });

  it.each([
    [0, 85],
    [100_000, 70],
    [125_000, 62.5],
    [150_000, 55],
    [200_000, 40],
    [250_000, 30],
    [400_000, 21],
    [500_000, 15],
    [600_000, 0],
  ])("textbooks_standard BSR %i → %d", (bsr, score) => {
    expect(velocityScore(bsr, scale("textbooks_standard")).score).toBe(score);
  });

  it.each([
    [0, 75],
    [200_000, 60],
    [250_000, 50],
    [300_000, 40],
    [350_000, 30],
    [400_000, 25],
    [450_000, 20],
    [500_000, 15],
    [500_001, 0],
  ])("textbooks_patience BSR %i → %d", (bsr, score) => {
    expect(velocityScore(bsr, scale("textbooks_patience")).score).toBe(score);
  });

  it.each([
    [0, 80],
    [50_000, 72.5],
    [100_000, 65],
    [150_000, 55],
    [200_000, 45],
    [250_000, 37.5],
    [300_000, 30],
    [500_000, 15],
  ])("textbooks BSR %i → %d", (bsr, score) => {
    expect(velocityScore(bsr, scale("textbooks")).score).toBe(score);
  });

  it("unknown BSR (null, negative, NaN) scores 0 with tier unknown; BSR 0 is the best rank", () => {
    for (const bsr of [null, -1, Number.NaN])
      expect(velocityScore(bsr, scale("smart_velocity"))).toEqual({ score: 0, tier: "unknown" });
    expect(velocityScore(0, scale("smart_velocity")).score).toBe(100);
  });

  it.each(STRATEGY_NAMES)("%s is monotone non-increasing in BSR", (name) => {
    let previous = Infinity;
    for (let bsr = 0; bsr <= 600_000; bsr += 1_000) {
      const { score } = velocityScore(bsr, scale(name));
      expect(score).toBeLessThanOrEqual(previous);
      previous = score;
    }
  });
});

describe("maxBsrForVelocity (inverse)", () => {
  it.each([
    [80, 30_000],
    [70, 50_000],
    [60, 75_000],
    [40, 175_000],
    [100, 0],
    [101, null],
  ])("smart_velocity: velocity ≥ %i ⇔ BSR ≤ %s", (min, bsr) => {
    expect(maxBsrForVelocity(min, scale("smart_velocity"))).toBe(bsr);
  });

  it("patience: velocity ≥ 30 ⇔ BSR ≤ 350k", () => {
    expect(maxBsrForVelocity(30, scale("textbooks_patience"))).toBe(350_000);
  });
});

describe("calibration: thresholds match the scale", () => {
  it.each(NICHE_TEMPLATES.map((t) => [t.id, t] as const))(
    "%s: its whole BSR range reaches its own min velocity",
    (_id, t) => {
      expect(velocityScore(t.bsrRange.max, scale(t.strategy)).score).toBeGreaterThanOrEqual(t.minVelocity);
    },
  );

  it.each(STRATEGY_NAMES)(
    "%s: BSR max of the strategy still reaches CONSIDER and the strategy min velocity",
    (name) => {
      const s = C.strategies[name];
      const v = velocityScore(s.bsrRange.max, s.velocity).score;
      expect(v).toBeGreaterThanOrEqual(s.recommendationVelocity.consider);
      expect(v).toBeGreaterThanOrEqual(s.minVelocity);
    },
  );

  it.each(STRATEGY_NAMES)("%s: STRONG_BUY and HOT velocity are reachable (at the strategy's BSR min)", (name) => {
    const s = C.strategies[name];
    const top = velocityScore(0, s.velocity).score;
    expect(top).toBeGreaterThanOrEqual(s.recommendationVelocity.strongBuy);
    expect(top).toBeGreaterThanOrEqual(s.tierVelocity.hot);
  });

  it(
    "smart_velocity: the UI's suggested BSR band 10k–100k stays at or above CONSIDER, and velocity 70 allows BSR " +
      "50k (not ~3,200)",
    () => {
      const s = C.strategies.smart_velocity;
      expect(velocityScore(100_000, s.velocity).score).toBeGreaterThanOrEqual(s.recommendationVelocity.consider);
      expect(maxBsrForVelocity(70, s.velocity)).toBeGreaterThanOrEqual(50_000);
    },
  );
});
