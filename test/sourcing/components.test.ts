import { describe, it, expect } from "vitest";
import { conditionSignal } from "../../src/sourcing/scoring/condition.ts";
import { confidenceScore } from "../../src/sourcing/scoring/confidence.ts";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { stabilityScore } from "../../src/sourcing/scoring/stability.ts";
import type { StabilityInput } from "../../src/sourcing/scoring/stability.ts";
import type { ConfidenceInput } from "../../src/sourcing/scoring/confidence.ts";

const noAverages = { new90: null, used90: null, bsr30: null, bsr90: null };
const noOffers = { new: null, used: null, fba: null };
const stab = (over: Partial<StabilityInput>): StabilityInput => ({
  averages: noAverages,
  offers: noOffers,
  bsr: 20_000,
  sellPriceCents: 3999,
  sellPriceSource: "buyBox",
  ...over,
});

describe("stabilityScore", () => {
  it("weights price 0.5, BSR 0.3, competition 0.2", () => {
    const r = stabilityScore(
      stab({
        sellPriceCents: 3600,
        averages: { new90: 4000, used90: null, bsr30: 22_000, bsr90: 20_000 },
        offers: { new: 4, used: 6, fba: 2 },
      }),
      C,
    );
    // price: 100 − 10 % × 100 = 90; BSR: 100 − 10 % × 50 = 95; competition: 100 − (4 − 3) × 4 = 96
    expect(r.components).toEqual({ price: 90, bsr: 95, competition: 96 });
    expect(r.score).toBe(92.7);
  });

  it("renormalises over the components that exist", () => {
    expect(stabilityScore(stab({ offers: { new: 10, used: null, fba: null } }), C).score).toBe(72);
    expect(stabilityScore(stab({ offers: { new: 28, used: null, fba: null } }), C).score).toBe(0);
  });

  it("0 offers and BSR averages of 0 are real values", () => {
    const r = stabilityScore(
      stab({ offers: { new: 0, used: null, fba: null }, averages: { ...noAverages, bsr30: 0, bsr90: 0 } }),
      C,
    );
    expect(r.components).toEqual({ price: null, bsr: 100, competition: 100 });
  });

  it("uses used averages and used offers when selling used", () => {
    const r = stabilityScore(
      stab({
        sellPriceSource: "used",
        sellPriceCents: 1000,
        averages: { ...noAverages, new90: 5000, used90: 800 },
        offers: { new: 0, used: 13, fba: null },
      }),
      C,
    );
    expect(r.components.price).toBe(75);
    expect(r.components.competition).toBe(60);
  });

  it("no data → neutral 50 and a warning instead of a silent default", () => {
    const warnings: string[] = [];
    expect(stabilityScore(stab({ sellPriceCents: null, sellPriceSource: "none" }), C, warnings).score).toBe(50);
    expect(warnings).toHaveLength(1);
  });
});

const conf = (over: Partial<ConfidenceInput>): ConfidenceInput => ({
  title: "A book",
  bsr: 20_000,
  averages: { new90: 4000, used90: 900, bsr30: 22_000, bsr90: 20_000 },
  offers: { new: 4, used: 6, fba: 2 },
  salesRankDrops30: 25,
  salesRankDrops90: 70,
  dataQuality: "full",
  sellPriceCents: 3999,
  buyPriceCents: 800,
  ...over,
});

describe("confidenceScore", () => {
  it.each([
    ["complete, full", {}, 100],
    ["complete, degraded", { dataQuality: "degraded" as const }, 70],
    ["unavailable", { dataQuality: "unavailable" as const }, 0],
    ["no title", { title: null }, 95],
    ["no BSR", { bsr: null }, 80],
    ["no sell price", { sellPriceCents: null }, 80],
    ["no buy price", { buyPriceCents: null }, 85],
    ["no drops", { salesRankDrops30: null, salesRankDrops90: null }, 90],
    ["zero offers and zero drops are known", { offers: { new: 0, used: 0, fba: 0 }, salesRankDrops30: 0 }, 100],
    [
      "only a title",
      {
        bsr: null,
        sellPriceCents: null,
        buyPriceCents: null,
        averages: noAverages,
        offers: noOffers,
        salesRankDrops30: null,
        salesRankDrops90: null,
      },
      5,
    ],
  ])("%s → %i", (_label, over, expected) => {
    expect(confidenceScore(conf(over), C)).toBe(expected);
  });
});

describe("conditionSignal (25 %/≤10 offers, 10 %/≤25)", () => {
  it.each([
    [25, 10, "STRONG"],
    [24.99, 10, "MODERATE"],
    [25, 11, "MODERATE"],
    [10, 25, "MODERATE"],
    [9.99, 5, "WEAK"],
    [10, 26, "WEAK"],
    [30, 0, "STRONG"],
    [50, null, "WEAK"],
    [null, 3, "UNKNOWN"],
  ] as const)("used ROI %s with %s used offers → %s", (usedRoiPercent, usedOfferCount, expected) => {
    expect(conditionSignal({ usedRoiPercent, usedOfferCount }, C)).toBe(expected);
  });
});
