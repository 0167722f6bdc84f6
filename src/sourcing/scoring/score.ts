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

type Resolved = {
  config: ScoringConfig;
  strategyName: StrategyName;
  strategy: StrategyConfig;
  condition: Condition;
  model: CostModel;
};

function resolve(options: ScoreOptions): Resolved {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const strategyName = options.strategy ?? "smart_velocity";
  const strategy = config.strategies[strategyName];
  const condition = options.sellCondition ?? strategy.sellCondition;
  return { config, strategyName, strategy, condition, model: options.costModel ?? config.defaultCostModel };
}

/** The money side: the condition's landed price, the buy cost, fees, profit and the most worth paying. */
function priceProduct(input: ScoringInput, r: Resolved, warnings: string[]) {
  const sell = pickSellPrice(input, r.condition);
  const buy = buyCost(input, r.model, sell);
  const { fees, profit } = money(input, sell, buy, r.strategy, r.config, warnings);
  const target = { roiPercent: r.strategy.minRoiPercent, minProfitCents: r.strategy.minProfitCents };
  const maxBuy = sell && fees ? maxBuyFor(sell.cents, fees.totalCents, r.strategy.bufferPercent, target) : null;
  return { sell, buy, fees, profit, maxBuy };
}

type Priced = ReturnType<typeof priceProduct>;

/** Velocity, stability and confidence of the product as priced. */
function gauge(input: ScoringInput, r: Resolved, priced: Priced, competition: Competition, warnings: string[]) {
  const velocity = velocityScore(input.bsr, r.strategy.velocity);
  const stability = stabilityScore({ ...input, sell: priced.sell, competition }, r.config, warnings);
  const confidence = confidenceScore(
    {
      ...input,
      sellPriceCents: priced.sell?.cents ?? null,
      buyPriceCents: priced.buy?.cents ?? null,
      conditionAverage90: input.market[r.condition].average90Cents,
    },
    r.config,
  );
  return { velocity, stability, confidence };
}

type Gauged = ReturnType<typeof gauge>;

function recommendation(
  input: ScoringInput,
  r: Resolved,
  priced: Priced,
  gauged: Gauged,
  context: { competition: Competition; belowMinProfit: "cap" | "skip" },
) {
  const { stability } = gauged;
  return recommend(
    {
      condition: r.condition,
      costModel: r.model.model,
      roiPercent: priced.profit?.roiPercent ?? null,
      profitCents: priced.profit?.profitCents ?? null,
      buy: priced.buy,
      sell: priced.sell,
      bsr: input.bsr,
      velocity: gauged.velocity.score,
      stability: Object.values(stability.components).some((c) => c !== null) ? stability.score : null,
      confidence: gauged.confidence,
      amazonOnListing: input.amazonOnListing,
      fbaSellers: context.competition.live ? context.competition.fbaOffers : null,
      verified: input.verification !== null,
      belowMinProfit: context.belowMinProfit,
      dataQuality: input.dataQuality,
    },
    r.config,
    r.strategy,
  );
}

/**
 * Scores one product for one strategy, sell condition and cost model: landed sell price → buy cost → fees →
 * profit/ROI and the most worth paying → velocity, stability, confidence → recommendation (docs/economics.md).
 */
export function scoreProduct(input: ScoringInput, options: ScoreOptions = {}): ProductScore {
  const r = resolve(options);
  const warnings = dataWarnings(input, r.strategy);
  const priced = priceProduct(input, r, warnings);
  const { sell, buy, profit, maxBuy } = priced;
  const competition = competitionIn(input, r.condition);
  const gauged = gauge(input, r, priced, competition, warnings);
  const belowMinProfit = options.belowMinProfit ?? "cap";
  const verdict = recommendation(input, r, priced, gauged, { competition, belowMinProfit });
  const verified = input.verification !== null;
  const roiPercent = profit?.roiPercent ?? null;
  return {
    asin: input.asin,
    title: input.title,
    strategy: r.strategyName,
    bsr: input.bsr,
    sellCondition: r.condition,
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
    estimate: screeningEstimate(input, r.condition, r.model, r.strategy, r.config, profit),
    fees: priced.fees,
    profit,
    profitCents: profit?.profitCents ?? null,
    roiPercent,
    velocity: gauged.velocity.score,
    velocityTier: gauged.velocity.tier,
    stability: gauged.stability.score,
    confidence: gauged.confidence,
    conditionSignal: conditionSignal({ roiPercent, offers: competition.offers }, r.config),
    amazonOnListing: input.amazonOnListing,
    recommendation: verdict.recommendation,
    reasons: verdict.reasons,
    dataQuality: input.dataQuality,
    warnings,
  };
}
