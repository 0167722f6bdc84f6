import { z } from "zod";
import { CONDITIONS } from "../../keepa/index.ts";
import { STRATEGY_NAMES } from "./types.ts";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

// Strict objects everywhere: a misspelled key path (the original wrote `roi.source_price_factor` while the
// pipeline read a top-level key) must fail validation instead of being silently ignored.

const cents = () => z.number().int().nonnegative();
const percent = () => z.number().min(0).max(100);
const score = () => z.number().min(0).max(100);
const labels = () => z.enum(["very_fast", "fast", "moderate", "slow", "very_slow", "dead"]);

const ascending = <T>(items: readonly T[], key: (item: T) => number): boolean =>
  items.every((item, i) => i === 0 || key(item) > key(items[i - 1] as T));

const weightTier = () => z.strictObject({ maxGrams: z.number().int().positive(), feeCents: cents() });

export const feeScheduleSchema = z.lazy(() =>
  z
    .strictObject({
      referralPercent: percent(),
      closingFeeCents: cents(),
      fbaWeightTiers: z.array(weightTier()).min(1),
      fbaPerLbAboveCents: cents(),
      inboundPerLbCents: cents(),
      prepCents: cents(),
    })
    .refine((s) => ascending(s.fbaWeightTiers, (t) => t.maxGrams), "fbaWeightTiers.maxGrams must be strictly ascending")
    .refine(
      (s) => s.fbaWeightTiers.every((t, i) => i === 0 || t.feeCents >= (s.fbaWeightTiers[i - 1]?.feeCents ?? 0)),
      "fbaWeightTiers.feeCents must not decrease with weight",
    ),
);

const velocityTier = () =>
  z
    .strictObject({ maxBsr: z.number().int().positive(), high: score(), low: score(), label: labels() })
    .refine((t) => t.high >= t.low, "velocity tier: high must be >= low (score falls as BSR grows)");

export const velocityScaleSchema = z.lazy(() =>
  z
    .strictObject({ tiers: z.array(velocityTier()).min(1), beyondScore: score() })
    .refine((v) => ascending(v.tiers, (t) => t.maxBsr), "velocity tiers: maxBsr must be strictly ascending")
    .refine(
      (v) => v.tiers.every((t, i) => i === 0 || t.high === v.tiers[i - 1]?.low),
      "velocity tiers must be continuous: each tier's high equals the previous tier's low",
    )
    .refine((v) => v.beyondScore <= (v.tiers.at(-1)?.low ?? 0), "beyondScore must not exceed the last tier's low"),
);

const makeLadder = (value: z.ZodNumber) =>
  z
    .strictObject({ strongBuy: value, buy: value, consider: value })
    .refine((l) => l.strongBuy >= l.buy && l.buy >= l.consider, "ladder must satisfy strongBuy >= buy >= consider");
const ladder = () => makeLadder(score());
// ROI is not a 0–100 score: a $2 book sold for $20 is several hundred percent.
const roiLadder = () => makeLadder(z.number().min(-100).max(10_000));

const tierVelocity = () =>
  z
    .strictObject({ hot: score(), top: score(), watch: score() })
    .refine((t) => t.hot >= t.top && t.top >= t.watch, "tierVelocity must satisfy hot >= top >= watch");

const range = () =>
  z
    .strictObject({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
    .refine((r) => r.min < r.max, "range min must be < max");

export const strategySchema = z.lazy(() =>
  z.strictObject({
    label: z.string().min(1),
    description: z.string().min(1),
    bsrRange: range(),
    priceRangeCents: range(),
    minProfitCents: cents(),
    maxFbaSellers: z.number().int().nonnegative(),
    minRoiPercent: z.number(),
    minVelocity: score(),
    /** Below it the recommendation is capped at CONSIDER (the original gated its ratings on stability). */
    minStability: score(),
    /** The condition copies are sold in unless a request or profile says otherwise (docs/economics.md#conditions). */
    sellCondition: z.enum(CONDITIONS),
    bufferPercent: z.number().min(0).max(50),
    velocity: velocityScaleSchema,
    recommendationVelocity: ladder(),
    tierVelocity: tierVelocity(),
    rotationDays: range().nullable(),
    capitalLockWarning: z.boolean(),
  }),
);

const pickTier = () =>
  z.strictObject({
    minRoiPercent: z.number(),
    minProfitCents: cents(),
    minConfidence: score(),
    minRecommendation: z.enum(["CONSIDER", "BUY", "STRONG_BUY"]),
  });

const stability = () =>
  z
    .strictObject({
      weights: z.strictObject({ price: z.number().min(0), bsr: z.number().min(0), competition: z.number().min(0) }),
      priceSensitivity: z.number().nonnegative(),
      bsrSensitivity: z.number().nonnegative(),
      competition: z.strictObject({
        freeSellers: z.number().int().nonnegative(),
        penaltyPerSeller: z.number().nonnegative(),
      }),
      missingScore: score(),
    })
    .refine(
      (s) => Math.abs(s.weights.price + s.weights.bsr + s.weights.competition - 1) < 1e-9,
      "stability weights must sum to 1",
    );

const confidencePoints = () =>
  z.strictObject({
    title: score(),
    bsr: score(),
    sellPrice: score(),
    buyPrice: score(),
    priceAverage: score(),
    bsrAverage: score(),
    offerCounts: score(),
    salesRankDrops: score(),
  });

const confidence = () =>
  z
    .strictObject({
      points: confidencePoints(),
      qualityFactor: z.strictObject({
        full: z.number().min(0).max(1),
        degraded: z.number().min(0).max(1),
        unavailable: z.number().min(0).max(1),
      }),
    })
    .refine((c) => Object.values(c.points).reduce((a, b) => a + b, 0) === 100, "confidence points must sum to 100");

const signalRule = () => z.strictObject({ minRoiPercent: z.number(), maxOffers: z.number().int().nonnegative() });

/** A deployment's default cost model: a share of the sell price or one flat cost (per-item lists are per request). */
const defaultCostModel = () =>
  z.discriminatedUnion("model", [
    z.strictObject({ model: z.literal("percentOfSell"), percent: z.number().gt(0).max(100) }),
    z.strictObject({ model: z.literal("flatCents"), cents: cents() }),
  ]);

export const scoringConfigSchema = z.lazy(() =>
  z.strictObject({
    version: z.string().min(1),
    fees: z.strictObject({
      schedules: z.strictObject({ books: feeScheduleSchema, media: feeScheduleSchema, default: feeScheduleSchema }),
      rootCategoryIds: z.strictObject({
        books: z.array(z.number().int().positive()),
        media: z.array(z.number().int().positive()),
      }),
      categoryKeywords: z.strictObject({ books: z.array(z.string().min(1)), media: z.array(z.string().min(1)) }),
      defaultWeightGrams: z.number().int().positive(),
    }),
    defaultCostModel: defaultCostModel(),
    recommendation: z.strictObject({ roi: roiLadder(), minConfidenceForBuy: score() }),
    stability: stability(),
    confidence: confidence(),
    conditionSignal: z.strictObject({ strong: signalRule(), moderate: signalRule() }),
    pickTiers: z.strictObject({ hot: pickTier(), top: pickTier(), watch: pickTier() }),
    dailyReview: z.strictObject({
      jackpotRoiAbove: z.number(),
      stableMinRoi: z.number(),
      stableMinSightings: z.number().int().min(1),
      revenantGapHours: z.number().positive(),
      weakRejectRoiBelow: z.number(),
    }),
    strategies: z.strictObject(
      Object.fromEntries(STRATEGY_NAMES.map((n) => [n, strategySchema])) as Record<
        (typeof STRATEGY_NAMES)[number],
        typeof strategySchema
      >,
    ),
  }),
);

export type ScoringConfig = z.infer<typeof scoringConfigSchema>;
export type StrategyConfig = z.infer<typeof strategySchema>;
export type FeeSchedule = z.infer<typeof feeScheduleSchema>;
export type VelocityScale = z.infer<typeof velocityScaleSchema>;
export type PickTierRule = z.infer<ReturnType<typeof pickTier>>;
