import { DEFAULT_SCORING_CONFIG } from "./config.ts";
import type { ScoringConfig, StrategyConfig } from "./config.ts";
import { conditionSignal } from "./condition.ts";
import { confidenceScore } from "./confidence.ts";
import { calculateFees } from "./fees.ts";
import { pickBuyPrice, pickSellPrice } from "./prices.ts";
import { calculateProfit } from "./profit.ts";
import { recommend } from "./recommendation.ts";
import { stabilityScore } from "./stability.ts";
import type {
  ConditionSignal,
  FeeBreakdown,
  ProductScore,
  ProfitBreakdown,
  ScoringInput,
  StrategyName,
} from "./types.ts";
import { velocityScore } from "./velocity.ts";

export type ScoreOptions = {
  /** @default "smart_velocity" */
  strategy?: StrategyName;
  /** The user's buy price in cents; when absent the cheapest used or new offer of the product is used. */
  sourcePriceCents?: number;
  /** A config from `resolveScoringConfig`. @default DEFAULT_SCORING_CONFIG */
  config?: ScoringConfig;
};

function dataWarnings(input: ScoringInput, strategy: StrategyConfig): string[] {
  const warnings: string[] = [];
  if (input.dataQuality !== "full") warnings.push(`data quality ${input.dataQuality}`);
  if (input.amazonOnListing === null) warnings.push("Amazon presence on the listing unknown");
  if (input.bsr === null || input.bsr < 0) warnings.push("BSR unknown");
  if (strategy.capitalLockWarning) warnings.push("patience strategy: capital may stay locked for 4–6 weeks");
  return warnings;
}

/** Profit of selling at the lowest used price — the input of the condition signal. */
function usedSignal(
  input: ScoringInput,
  buyCents: number | null,
  strategy: StrategyConfig,
  config: ScoringConfig,
): ConditionSignal {
  const used = input.prices.used;
  if (used === null || used <= 0 || buyCents === null) return "UNKNOWN";
  const usedFees = calculateFees(used, input, config);
  const usedProfit = calculateProfit({
    sellCents: used,
    buyCents,
    feesCents: usedFees.totalCents,
    bufferPercent: strategy.bufferPercent,
  });
  return conditionSignal({ usedRoiPercent: usedProfit.roiPercent, usedOfferCount: input.offers.used }, config);
}

type Money = { fees: FeeBreakdown | null; profit: ProfitBreakdown | null };

function money(
  input: ScoringInput,
  sell: number | null,
  buy: number | null,
  strategy: StrategyConfig,
  config: ScoringConfig,
  warnings: string[],
): Money {
  if (sell === null) return { fees: null, profit: null };
  const fees = calculateFees(sell, input, config, warnings);
  if (buy === null) return { fees, profit: null };
  return {
    fees,
    profit: calculateProfit({
      sellCents: sell,
      buyCents: buy,
      feesCents: fees.totalCents,
      bufferPercent: strategy.bufferPercent,
    }),
  };
}

/**
 * Scores one product for one strategy: prices → fees → profit/ROI → velocity, stability, confidence → recommendation.
 */
export function scoreProduct(input: ScoringInput, options: ScoreOptions = {}): ProductScore {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const strategyName = options.strategy ?? "smart_velocity";
  const strategy = config.strategies[strategyName];
  const warnings = dataWarnings(input, strategy);
  const buy = pickBuyPrice(input, options.sourcePriceCents);
  const sell = pickSellPrice(input, config);
  const { fees, profit } = money(input, sell.cents, buy.cents, strategy, config, warnings);
  const velocity = velocityScore(input.bsr, strategy.velocity);
  const stability = stabilityScore(
    { ...input, sellPriceCents: sell.cents, sellPriceSource: sell.source },
    config,
    warnings,
  );
  const confidence = confidenceScore({ ...input, sellPriceCents: sell.cents, buyPriceCents: buy.cents }, config);
  const { recommendation, reasons } = recommend(
    {
      roiPercent: profit?.roiPercent ?? null,
      profitCents: profit?.profitCents ?? null,
      buyPriceCents: buy.cents,
      sellPriceCents: sell.cents,
      bsr: input.bsr,
      velocity: velocity.score,
      confidence,
      amazonOnListing: input.amazonOnListing,
      fbaSellers: input.offers.fba,
      dataQuality: input.dataQuality,
    },
    config,
    strategy,
  );
  return {
    asin: input.asin,
    title: input.title,
    strategy: strategyName,
    bsr: input.bsr,
    buyPriceCents: buy.cents,
    sellPriceCents: sell.cents,
    buyPriceSource: buy.source,
    sellPriceSource: sell.source,
    fees,
    profit,
    profitCents: profit?.profitCents ?? null,
    roiPercent: profit?.roiPercent ?? null,
    velocity: velocity.score,
    velocityTier: velocity.tier,
    stability: stability.score,
    confidence,
    conditionSignal: usedSignal(input, buy.cents, strategy, config),
    amazonOnListing: input.amazonOnListing,
    recommendation,
    reasons,
    dataQuality: input.dataQuality,
    warnings,
  };
}
