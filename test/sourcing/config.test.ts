import { describe, it, expect, vi } from "vitest";
import { DEFAULT_SCORING_CONFIG, resolveScoringConfig } from "../../src/sourcing/scoring/config.ts";
import { scoringConfigSchema } from "../../src/sourcing/scoring/config-schema.ts";
import { STRATEGY_NAMES } from "../../src/sourcing/scoring/types.ts";

describe("scoring config", () => {
  it("defaults are valid and define the 4 strategies", () => {
    expect(() => scoringConfigSchema.parse(DEFAULT_SCORING_CONFIG)).not.toThrow();
    expect(Object.keys(DEFAULT_SCORING_CONFIG.strategies).sort()).toEqual([...STRATEGY_NAMES].sort());
  });

  it(
    "loading the module parses nothing: " + "the defaults are checked here, not at every function's cold start",
    async () => {
      vi.resetModules();
      const schema = await import("../../src/sourcing/scoring/config-schema.ts");
      const parse = vi.spyOn(schema.scoringConfigSchema, "parse");
      try {
        const fresh = await import("../../src/sourcing/scoring/config.ts");
        expect(parse).not.toHaveBeenCalled();
        fresh.resolveScoringConfig({ recommendation: { minConfidenceForBuy: 60 } });
        expect(parse, "overrides are still validated").toHaveBeenCalledTimes(1);
      } finally {
        parse.mockRestore();
      }
    },
  );

  it("pins the documented fee, velocity and strategy numbers", () => {
    const c = DEFAULT_SCORING_CONFIG;
    expect(c.fees.schedules.books).toMatchObject({
      referralPercent: 15,
      closingFeeCents: 180,
      prepCents: 20,
      inboundPerLbCents: 40,
    });
    expect(c.fees.schedules.media).toMatchObject({ prepCents: 15, inboundPerLbCents: 35 });
    expect(c.fees.schedules.default).toMatchObject({ prepCents: 25, inboundPerLbCents: 50, fbaPerLbAboveCents: 50 });
    expect(c.recommendation.roi).toEqual({ strongBuy: 50, buy: 30, consider: 15 });
    expect(c.strategies.smart_velocity.bufferPercent).toBe(5);
    expect(c.strategies.textbooks_standard.bufferPercent).toBe(7);
    expect(c.strategies.textbooks_patience).toMatchObject({
      minProfitCents: 2500,
      maxFbaSellers: 3,
      minRoiPercent: 50,
      minVelocity: 20,
    });
  });

  it("pins the economics defaults (docs/economics.md)", () => {
    const c = DEFAULT_SCORING_CONFIG;
    expect(c.defaultCostModel).toEqual({ model: "percentOfSell", percent: 40 });
    for (const name of STRATEGY_NAMES) expect(c.strategies[name].sellCondition, name).toBe("used_good");
    expect(c.strategies.smart_velocity.minStability).toBe(40);
    for (const name of ["textbooks", "textbooks_standard", "textbooks_patience"] as const)
      expect(c.strategies[name].minStability, name).toBe(60);
    expect(c.conditionSignal).toEqual({
      strong: { minRoiPercent: 25, maxOffers: 10 },
      moderate: { minRoiPercent: 10, maxOffers: 25 },
    });
    expect(c).not.toHaveProperty("sellPriceSources");
  });

  it("deep-merges overrides without mutating the defaults; arrays are replaced", () => {
    const tiers = [{ maxGrams: 500, feeCents: 300 }];
    const c = resolveScoringConfig({
      strategies: { textbooks: { bufferPercent: 9, sellCondition: "used_very_good" } },
      defaultCostModel: { percent: 35 },
      fees: { schedules: { books: { fbaWeightTiers: tiers } } },
    });
    expect(c.strategies.textbooks.bufferPercent).toBe(9);
    expect(c.strategies.textbooks.sellCondition).toBe("used_very_good");
    expect(c.strategies.textbooks.minRoiPercent).toBe(50);
    expect(c.defaultCostModel).toEqual({ model: "percentOfSell", percent: 35 });
    expect(c.fees.schedules.books.fbaWeightTiers).toEqual(tiers);
    expect(DEFAULT_SCORING_CONFIG.strategies.textbooks.bufferPercent).toBe(7);
    expect(DEFAULT_SCORING_CONFIG.strategies.textbooks.sellCondition).toBe("used_good");
    expect(DEFAULT_SCORING_CONFIG.defaultCostModel).toEqual({ model: "percentOfSell", percent: 40 });
    expect(DEFAULT_SCORING_CONFIG.fees.schedules.books.fbaWeightTiers).toHaveLength(4);
  });

  it("the deployment default is a share of the sell price or a flat cost, never a per-item list or a flip", () => {
    const withModel = (defaultCostModel: unknown) => ({ ...DEFAULT_SCORING_CONFIG, defaultCostModel });
    expect(() => scoringConfigSchema.parse(withModel({ model: "flatCents", cents: 1500 }))).not.toThrow();
    expect(() => scoringConfigSchema.parse(withModel({ model: "perItem", items: {} }))).toThrow();
    expect(() => scoringConfigSchema.parse(withModel({ model: "amazonOffer", condition: "used_good" }))).toThrow();
  });

  // A cost model changing its `model` replaces the default whole: merged, {percent: 40} would survive and be rejected.
  it("switches the default cost model to flatCents by override", () => {
    const c = resolveScoringConfig({ defaultCostModel: { model: "flatCents", cents: 1500 } });
    expect(c.defaultCostModel).toEqual({ model: "flatCents", cents: 1500 });
  });

  it("rejects a misspelled key path instead of ignoring it", () => {
    expect(() => resolveScoringConfig({ recommendation: { roi: { target: 30 } } } as never)).toThrow();
    expect(() => resolveScoringConfig({ source_price_factor: 0.4 } as never)).toThrow();
  });

  it.each([
    [
      "non-continuous velocity tiers",
      {
        strategies: {
          textbooks: {
            velocity: {
              tiers: [
                { maxBsr: 100, high: 90, low: 80, label: "fast" as const },
                { maxBsr: 200, high: 70, low: 60, label: "slow" as const },
              ],
              beyondScore: 0,
            },
          },
        },
      },
    ],
    [
      "unsorted velocity tiers",
      {
        strategies: {
          textbooks: {
            velocity: {
              tiers: [
                { maxBsr: 200, high: 90, low: 80, label: "fast" as const },
                { maxBsr: 100, high: 80, low: 60, label: "slow" as const },
              ],
              beyondScore: 0,
            },
          },
        },
      },
    ],
    [
      "rising velocity within a tier",
      {
        strategies: {
          textbooks: {
            velocity: { tiers: [{ maxBsr: 100, high: 50, low: 60, label: "fast" as const }], beyondScore: 0 },
          },
        },
      },
    ],
    ["ladder out of order", { recommendation: { roi: { strongBuy: 10, buy: 30, consider: 15 } } }],
    ["stability weights not summing to 1", { stability: { weights: { price: 0.5, bsr: 0.5, competition: 0.5 } } }],
    ["negative fee", { fees: { schedules: { books: { prepCents: -1 } } } }],
    ["fractional cents", { fees: { schedules: { books: { closingFeeCents: 1.5 } } } }],
    ["confidence points not summing to 100", { confidence: { points: { title: 50 } } }],
    ["empty BSR range", { strategies: { smart_velocity: { bsrRange: { min: 80_000, max: 80_000 } } } }],
    ["a sell condition Keepa has no code for", { strategies: { textbooks: { sellCondition: "collectible" } } }],
    ["minStability above 100", { strategies: { textbooks: { minStability: 101 } } }],
    ["a 0 % cost model", { defaultCostModel: { percent: 0 } }],
    ["the removed sellPriceSources", { sellPriceSources: ["buyBox", "new", "used"] }],
    ["a condition-signal rule with the old offer-count key", { conditionSignal: { strong: { maxUsedOffers: 10 } } }],
  ])("rejects %s", (_label, overrides) => {
    expect(() => resolveScoringConfig(overrides as never)).toThrow();
  });
});
