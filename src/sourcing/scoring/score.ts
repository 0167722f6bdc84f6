import type { Condition } from "../../keepa/index.ts";
import { DEFAULT_SCORING_CONFIG } from "./config.ts";
import type { ScoringConfig, StrategyConfig } from "./config.ts";
import { conditionSignal } from "./condition.ts";
import { confidenceScore } from "./confidence.ts";
import { calculateFees } from "./fees.ts";
import { buyCost, pickSellPrice } from "./prices.ts";
import { calculateProfit, maxBuyFor } from "./profit.ts";
import { recommend } from "./recommendation.ts";
import { stabilityScore } from "./stability.ts";
import type {
  BuyCost,
  Competition,
  CostModel,
  FeeBreakdown,
  LandedPrice,
  ProductScore,
  ProfitBreakdown,
  ScoringInput,
  ScreeningEstimate,
  StrategyName,
} from "./types.ts";
import { velocityScore } from "./velocity.ts";

export type ScoreOptions = {
  /** @default "smart_velocity" */
  strategy?: StrategyName;
  /** The condition the copy is sold in. @default the strategy's `sellCondition` */
  sellCondition?: Condition;
  /** How the buy cost is found. @default config.defaultCostModel (percentOfSell, 40 %) */
  costModel?: CostModel;
  /** A profit below the strategy's minimum caps at CONSIDER, or (AutoSourcing) makes the product SKIP. @default "cap" */
  belowMinProfit?: "cap" | "skip";
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

/** Offers competing in the sell condition: live when verified, else Keepa's counts (all used conditions together). */
export function competitionIn(input: ScoringInput, condition: Condition): Competition {
  const live = input.market[condition].live;
  if (live) {
    const { offers, fbaOffers, fbmOffers } = live;
    return { offers, fbaOffers, fbmOffers, scope: "condition", live: true };
  }
  if (condition === "new")
    return { offers: input.offers.new, fbaOffers: input.offers.fba, fbmOffers: null, scope: "all_new", live: false };
  return { offers: input.offers.used, fbaOffers: null, fbmOffers: null, scope: "all_used", live: false };
}

type Money = { fees: FeeBreakdown | null; profit: ProfitBreakdown | null };

function money(
  input: ScoringInput,
  sell: LandedPrice | null,
  buy: BuyCost | null,
  strategy: StrategyConfig,
  config: ScoringConfig,
  warnings?: string[],
): Money {
  if (sell === null) return { fees: null, profit: null };
  const fees = calculateFees(sell.cents, input, config, warnings);
  if (buy === null) return { fees, profit: null };
  const profit = calculateProfit({
    sellCents: sell.cents,
    buyCents: buy.cents,
    feesCents: fees.totalCents,
    bufferPercent: strategy.bufferPercent,
  });
  return { fees, profit };
}

/**
 * The ROI a screened product is expected to have, to order candidates for verification: its own condition price
 * when known, else csv NEW/USED (shipping excluded, USED over every used condition), labelled as such.
 */
function screeningEstimate(
  input: ScoringInput,
  condition: Condition,
  model: CostModel,
  strategy: StrategyConfig,
  config: ScoringConfig,
  profit: ProfitBreakdown | null,
): ScreeningEstimate {
  if (profit?.roiPercent !== null && profit?.roiPercent !== undefined)
    return { roiPercent: profit.roiPercent, basis: "condition_price" };
  const proxy = condition === "new" ? input.prices.new : input.prices.used;
  if (proxy === null || proxy <= 0) return { roiPercent: null, basis: "none" };
  const basis = condition === "new" ? "csv_new_excluding_shipping" : "csv_used_any_condition";
  const sell: LandedPrice = {
    cents: proxy,
    condition,
    landed: true,
    source: "lowest_offer",
    live: false,
    observedAt: null,
  };
  const estimated = money(input, sell, buyCost(input, model, sell), strategy, config).profit;
  return { roiPercent: estimated?.roiPercent ?? null, basis };
}

/**
 * Scores one product for one strategy, sell condition and cost model: landed sell price → buy cost → fees →
 * profit/ROI and the most worth paying → velocity, stability, confidence → recommendation (docs/economics.md).
 */
export function scoreProduct(input: ScoringInput, options: ScoreOptions = {}): ProductScore {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const strategyName = options.strategy ?? "smart_velocity";
  const strategy = config.strategies[strategyName];
  const condition = options.sellCondition ?? strategy.sellCondition;
  const model = options.costModel ?? config.defaultCostModel;
  const warnings = dataWarnings(input, strategy);
  const sell = pickSellPrice(input, condition);
  const buy = buyCost(input, model, sell);
  const { fees, profit } = money(input, sell, buy, strategy, config, warnings);
  const maxBuy =
    sell && fees
      ? maxBuyFor(sell.cents, fees.totalCents, strategy.bufferPercent, {
          roiPercent: strategy.minRoiPercent,
          minProfitCents: strategy.minProfitCents,
        })
      : null;
  const competition = competitionIn(input, condition);
  const verified = input.verification !== null;
  const velocity = velocityScore(input.bsr, strategy.velocity);
  const stability = stabilityScore({ ...input, sell, competition }, config, warnings);
  const confidence = confidenceScore(
    {
      ...input,
      sellPriceCents: sell?.cents ?? null,
      buyPriceCents: buy?.cents ?? null,
      conditionAverage90: input.market[condition].average90Cents,
    },
    config,
  );
  const { recommendation, reasons } = recommend(
    {
      condition,
      costModel: model.model,
      roiPercent: profit?.roiPercent ?? null,
      profitCents: profit?.profitCents ?? null,
      buy,
      sell,
      bsr: input.bsr,
      velocity: velocity.score,
      stability: Object.values(stability.components).some((c) => c !== null) ? stability.score : null,
      confidence,
      amazonOnListing: input.amazonOnListing,
      fbaSellers: competition.live ? competition.fbaOffers : null,
      verified,
      belowMinProfit: options.belowMinProfit ?? "cap",
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
    sellCondition: condition,
    sellPrice: sell,
    buyCost: buy,
    sellPriceCents: sell?.cents ?? null,
    buyPriceCents: buy?.cents ?? null,
    maxBuyCents: maxBuy?.cents ?? null,
    maxBuyRule: maxBuy?.rule ?? null,
    verified,
    verifiedAt: input.verification?.at ?? null,
    provisional: !verified,
    competition,
    estimate: screeningEstimate(input, condition, model, strategy, config, profit),
    fees,
    profit,
    profitCents: profit?.profitCents ?? null,
    roiPercent: profit?.roiPercent ?? null,
    velocity: velocity.score,
    velocityTier: velocity.tier,
    stability: stability.score,
    confidence,
    conditionSignal: conditionSignal({ roiPercent: profit?.roiPercent ?? null, offers: competition.offers }, config),
    amazonOnListing: input.amazonOnListing,
    recommendation,
    reasons,
    dataQuality: input.dataQuality,
    warnings,
  };
}
