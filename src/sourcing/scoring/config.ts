import { scoringConfigSchema } from "./config-schema.ts";
import type { FeeSchedule, ScoringConfig, StrategyConfig } from "./config-schema.ts";
import type { StrategyName } from "./types.ts";

export type { ScoringConfig, StrategyConfig, FeeSchedule, VelocityScale, PickTierRule } from "./config-schema.ts";

/** One pound in grams; weight tiers are expressed in grams because Keepa reports package weight in grams. */
export const GRAMS_PER_LB = 453.592;

/**
 * FBA fee as weight tiers derived from the original's "base + per lb" (books $2.50 + $0.40/lb): each tier charges the
 * formula evaluated at the tier's upper weight (½ lb, 1, 2, 3 lb), so a 1-lb book costs $2.90 as in the original.
 */
const weightTiers = (baseCents: number, perLbCents: number) =>
  [0.5, 1, 2, 3].map((lb) => ({
    maxGrams: Math.round(lb * GRAMS_PER_LB),
    feeCents: baseCents + Math.round(lb * perLbCents),
  }));

const booksFees: FeeSchedule = {
  referralPercent: 15,
  closingFeeCents: 180,
  fbaWeightTiers: weightTiers(250, 40),
  fbaPerLbAboveCents: 40,
  inboundPerLbCents: 40,
  prepCents: 20,
};

/**
 * Shared shape of the three textbook strategies (docs/scoring.md#strategies); only their differences are spelled out
 * below.
 */
const textbookBase = {
  bufferPercent: 7,
  capitalLockWarning: false,
  // The original's textbook strategy: stability ≥ 60 (docs/economics.md#decisions).
  minStability: 60,
  sellCondition: "used_good",
} as const;

const strategies: Record<StrategyName, StrategyConfig> = {
  smart_velocity: {
    label: "Smart velocity",
    description: "Fast-moving books (BSR 10k–80k), modest margin, quick rotation.",
    bsrRange: { min: 10_000, max: 80_000 },
    priceRangeCents: { min: 1_500, max: 6_000 },
    minProfitCents: 1_200,
    maxFbaSellers: 5,
    minRoiPercent: 30,
    minVelocity: 50,
    // The original's velocity strategy: stability ≥ 40 (docs/economics.md#decisions).
    minStability: 40,
    sellCondition: "used_good",
    bufferPercent: 5,
    // Recalibrated (docs/scoring.md#calibration): the UI suggests BSR 10k–100k, so that whole band must score 90..50
    // and every smart_velocity template's BSR max must still reach its own minimum velocity (80k → 58 ≥ 50).
    velocity: {
      tiers: [
        { maxBsr: 10_000, high: 100, low: 90, label: "very_fast" },
        { maxBsr: 50_000, high: 90, low: 70, label: "fast" },
        { maxBsr: 100_000, high: 70, low: 50, label: "moderate" },
        { maxBsr: 250_000, high: 50, low: 30, label: "slow" },
        { maxBsr: 500_000, high: 30, low: 10, label: "very_slow" },
      ],
      beyondScore: 0,
    },
    recommendationVelocity: { strongBuy: 80, buy: 60, consider: 40 },
    tierVelocity: { hot: 80, top: 70, watch: 60 },
    rotationDays: null,
    capitalLockWarning: false,
  },
  textbooks: {
    ...textbookBase,
    label: "Textbooks (legacy)",
    description: "Subject textbooks, BSR 30k–250k, high ROI and few FBA competitors.",
    bsrRange: { min: 30_000, max: 250_000 },
    priceRangeCents: { min: 3_000, max: 15_000 },
    minProfitCents: 2_000,
    maxFbaSellers: 3,
    minRoiPercent: 50,
    minVelocity: 30,
    velocity: {
      tiers: [
        { maxBsr: 100_000, high: 80, low: 65, label: "fast" },
        { maxBsr: 200_000, high: 65, low: 45, label: "moderate" },
        { maxBsr: 300_000, high: 45, low: 30, label: "slow" },
        { maxBsr: 500_000, high: 30, low: 15, label: "very_slow" },
      ],
      beyondScore: 0,
    },
    recommendationVelocity: { strongBuy: 50, buy: 40, consider: 30 },
    tierVelocity: { hot: 50, top: 45, watch: 40 },
    rotationDays: null,
  },
  textbooks_standard: {
    ...textbookBase,
    label: "Textbooks standard",
    description: "Textbooks at BSR 100k–250k, rotation 7–14 days.",
    bsrRange: { min: 100_000, max: 250_000 },
    priceRangeCents: { min: 4_000, max: 15_000 },
    minProfitCents: 1_500,
    maxFbaSellers: 5,
    minRoiPercent: 40,
    minVelocity: 30,
    velocity: {
      tiers: [
        { maxBsr: 100_000, high: 85, low: 70, label: "fast" },
        { maxBsr: 150_000, high: 70, low: 55, label: "moderate" },
        { maxBsr: 200_000, high: 55, low: 40, label: "moderate" },
        { maxBsr: 250_000, high: 40, low: 30, label: "slow" },
        { maxBsr: 500_000, high: 30, low: 15, label: "very_slow" },
      ],
      beyondScore: 0,
    },
    recommendationVelocity: { strongBuy: 50, buy: 40, consider: 30 },
    tierVelocity: { hot: 50, top: 45, watch: 40 },
    rotationDays: { min: 7, max: 14 },
  },
  textbooks_patience: {
    ...textbookBase,
    label: "Textbooks patience",
    description: "Slow textbooks at BSR 250k–400k: bigger margin, rotation 28–42 days, capital is locked up longer.",
    bsrRange: { min: 250_000, max: 400_000 },
    priceRangeCents: { min: 4_000, max: 15_000 },
    minProfitCents: 2_500,
    maxFbaSellers: 3,
    minRoiPercent: 50,
    minVelocity: 20,
    velocity: {
      tiers: [
        { maxBsr: 200_000, high: 75, low: 60, label: "fast" },
        { maxBsr: 250_000, high: 60, low: 50, label: "moderate" },
        { maxBsr: 300_000, high: 50, low: 40, label: "moderate" },
        { maxBsr: 350_000, high: 40, low: 30, label: "slow" },
        { maxBsr: 400_000, high: 30, low: 25, label: "slow" },
        { maxBsr: 500_000, high: 25, low: 15, label: "very_slow" },
      ],
      beyondScore: 0,
    },
    recommendationVelocity: { strongBuy: 40, buy: 30, consider: 20 },
    tierVelocity: { hot: 40, top: 35, watch: 30 },
    rotationDays: { min: 28, max: 42 },
    capitalLockWarning: true,
  },
};

/** Defaults; every number is documented in docs/scoring.md or explained here where we deviate. */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  version: "1.0.0",
  fees: {
    schedules: {
      books: booksFees,
      media: { ...booksFees, inboundPerLbCents: 35, prepCents: 15 },
      default: {
        ...booksFees,
        fbaWeightTiers: weightTiers(300, 50),
        fbaPerLbAboveCents: 50,
        inboundPerLbCents: 50,
        prepCents: 25,
      },
    },
    // Root ids first (Books, CDs & Vinyl, Movies & TV); keywords only when the id is unknown (docs/scoring.md#fees).
    rootCategoryIds: { books: [283155], media: [5174, 2625373011] },
    categoryKeywords: {
      books: ["book", "textbook", "manual", "guide"],
      media: ["cd", "dvd", "vinyl", "music", "movie"],
    },
    defaultWeightGrams: Math.round(GRAMS_PER_LB),
  },
  // The original's rule: a used book bought off Amazon costs about 40 % of its Amazon price (docs/economics.md).
  defaultCostModel: { model: "percentOfSell", percent: 40 },
  recommendation: { roi: { strongBuy: 50, buy: 30, consider: 15 }, minConfidenceForBuy: 50 },
  stability: {
    weights: { price: 0.5, bsr: 0.3, competition: 0.2 },
    priceSensitivity: 100,
    bsrSensitivity: 50,
    competition: { freeSellers: 3, penaltyPerSeller: 4 },
    missingScore: 50,
  },
  confidence: {
    points: {
      title: 5,
      bsr: 20,
      sellPrice: 20,
      buyPrice: 15,
      priceAverage: 10,
      bsrAverage: 10,
      offerCounts: 10,
      salesRankDrops: 10,
    },
    qualityFactor: { full: 1, degraded: 0.7, unavailable: 0 },
  },
  conditionSignal: {
    strong: { minRoiPercent: 25, maxOffers: 10 },
    moderate: { minRoiPercent: 10, maxOffers: 25 },
  },
  pickTiers: {
    hot: { minRoiPercent: 50, minProfitCents: 1_500, minConfidence: 85, minRecommendation: "STRONG_BUY" },
    top: { minRoiPercent: 35, minProfitCents: 1_000, minConfidence: 75, minRecommendation: "BUY" },
    watch: { minRoiPercent: 25, minProfitCents: 500, minConfidence: 65, minRecommendation: "CONSIDER" },
  },
  dailyReview: {
    jackpotRoiAbove: 80,
    stableMinRoi: 15,
    stableMinSightings: 2,
    revenantGapHours: 24,
    weakRejectRoiBelow: 20,
  },
  strategies,
};

// The defaults are a constant: test/sourcing/config.test.ts validates them against the schema, so no function pays a
// full parse at every cold start. Overrides are still validated, by resolveScoringConfig.

/** Recursive partial used for overrides; arrays are replaced wholesale, never merged element-wise. */
export type ScoringConfigOverrides = { [K in keyof ScoringConfig]?: DeepPartial<ScoringConfig[K]> };
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  // A tagged union (the cost model) changing its tag is a different object, not a patch of the old one.
  if ("model" in patch && patch.model !== base.model) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(base[key], value);
  return out;
}

/**
 * Deep-merges overrides onto a base config and validates the result. Throws a ZodError on an unknown key,
 * a broken invariant (non-continuous velocity tiers, weights not summing to 1…) or an out-of-range value.
 * @param base @default DEFAULT_SCORING_CONFIG
 */
export function resolveScoringConfig(
  overrides: ScoringConfigOverrides = {},
  base: ScoringConfig = DEFAULT_SCORING_CONFIG,
): ScoringConfig {
  return scoringConfigSchema.parse(deepMerge(base, overrides));
}

export function getStrategy(config: ScoringConfig, name: StrategyName): StrategyConfig {
  return config.strategies[name];
}
