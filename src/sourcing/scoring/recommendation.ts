import type { Condition } from "../../keepa/index.ts";
import type { ScoringConfig, StrategyConfig } from "./config.ts";
import { dollars } from "./math.ts";
import { RECOMMENDATIONS } from "./types.ts";
import type { BuyCost, CostModel, DataQuality, LandedPrice, Recommendation } from "./types.ts";

export type RecommendationInput = {
  condition: Condition;
  costModel: CostModel["model"];
  roiPercent: number | null;
  profitCents: number | null;
  buy: BuyCost | null;
  sell: LandedPrice | null;
  bsr: number | null;
  velocity: number;
  /** null when no stability component had data: an unknown is not "below the minimum". */
  stability: number | null;
  confidence: number;
  amazonOnListing: boolean | null;
  /** FBA offers in the sell condition, from live offers only (null when not verified). */
  fbaSellers: number | null;
  verified: boolean;
  belowMinProfit: "cap" | "skip";
  dataQuality: DataQuality;
};

export type RecommendationResult = { recommendation: Recommendation; reasons: string[] };

export const recommendationRank = (r: Recommendation): number => RECOMMENDATIONS.indexOf(r);

const NO_COST: Record<CostModel["model"], string> = {
  percentOfSell: "no buy cost: there is no sell price to take a percentage of",
  flatCents: "no buy cost",
  perItem: "no buy cost: this item is not in the cost list",
  amazonOffer: "no buy cost: no Amazon offer in the chosen buy condition",
};

function noSellPrice(input: RecommendationInput): string {
  const missing = `no landed ${input.condition} price (no buy box, offer or 90/180-day average in that condition)`;
  return input.verified ? missing : `${missing}; not verified: live offers may show one`;
}

/** Reasons that force SKIP whatever the numbers say: missing data is never filled with guesses. */
function hardRejections(input: RecommendationInput, strategy: StrategyConfig): string[] {
  const reasons: string[] = [];
  if (input.dataQuality === "unavailable") reasons.push("product data unavailable");
  if (input.amazonOnListing === true) reasons.push("Amazon sells on this listing: rejected");
  if (input.sell === null) reasons.push(noSellPrice(input));
  if (input.buy === null && input.sell !== null) reasons.push(NO_COST[input.costModel]);
  else if (input.buy !== null && input.roiPercent === null && input.sell !== null)
    reasons.push("ROI undefined for a buy cost of 0");
  if (input.bsr === null || input.bsr < 0) reasons.push("BSR unknown: sales velocity cannot be estimated");
  if (input.profitCents !== null && input.profitCents <= 0) reasons.push(`no profit (${dollars(input.profitCents)})`);
  else if (input.belowMinProfit === "skip" && input.profitCents !== null && input.profitCents < strategy.minProfitCents)
    reasons.push(`profit ${dollars(input.profitCents)} < strategy minimum ${dollars(strategy.minProfitCents)}`);
  return reasons;
}

const LADDER = [
  ["STRONG_BUY", "strongBuy"],
  ["BUY", "buy"],
  ["CONSIDER", "consider"],
] as const;

/**
 * Highest ladder step whose ROI AND velocity thresholds are both met (docs/scoring.md#recommendation); thresholds are
 * inclusive.
 */
function ladderStep(
  roi: number,
  velocity: number,
  config: ScoringConfig,
  strategy: StrategyConfig,
): RecommendationResult {
  for (const [rec, key] of LADDER) {
    const minRoi = config.recommendation.roi[key];
    const minVel = strategy.recommendationVelocity[key];
    if (roi >= minRoi && velocity >= minVel) {
      return {
        recommendation: rec,
        reasons: [`ROI ${roi}% ≥ ${minRoi}% and velocity ${velocity} ≥ ${minVel} → ${rec}`],
      };
    }
  }
  const minRoi = config.recommendation.roi.consider;
  const minVel = strategy.recommendationVelocity.consider;
  const misses = [
    roi < minRoi ? `ROI ${roi}% < ${minRoi}%` : null,
    velocity < minVel ? `velocity ${velocity} < ${minVel}` : null,
  ];
  return { recommendation: "SKIP", reasons: [`${misses.filter((m) => m !== null).join(" and ")} → SKIP`] };
}

/** Caps that lower a good score when something is unconfirmed or a strategy rule says "be careful". */
function caps(input: RecommendationInput, config: ScoringConfig, strategy: StrategyConfig): [Recommendation, string][] {
  const out: [Recommendation, string][] = [];
  if (!input.verified) out.push(["BUY", "provisional: not verified with live offers (STRONG_BUY needs them)"]);
  if (input.amazonOnListing === null)
    out.push(["BUY", "Amazon presence unknown: verify the listing manually before buying"]);
  if (input.dataQuality === "degraded") out.push(["BUY", "degraded data: STRONG_BUY needs a full Keepa response"]);
  const minConf = config.recommendation.minConfidenceForBuy;
  if (input.confidence < minConf) out.push(["CONSIDER", `confidence ${input.confidence} < ${minConf}`]);
  if (input.sell?.source === "average_90d" || input.sell?.source === "average_180d")
    out.push(["CONSIDER", `sell price is a historical average: no current ${input.condition} offer`]);
  if (input.profitCents !== null && input.profitCents < strategy.minProfitCents) {
    out.push([
      "CONSIDER",
      `profit ${dollars(input.profitCents)} < strategy minimum ${dollars(strategy.minProfitCents)}`,
    ]);
  }
  if (input.fbaSellers !== null && input.fbaSellers > strategy.maxFbaSellers) {
    out.push([
      "CONSIDER",
      `${input.fbaSellers} FBA offers in ${input.condition} > strategy maximum ${strategy.maxFbaSellers}`,
    ]);
  }
  if (input.stability !== null && input.stability < strategy.minStability)
    out.push(["CONSIDER", `stability ${input.stability} < strategy minimum ${strategy.minStability}`]);
  return out;
}

/** STRONG_BUY / BUY / CONSIDER / SKIP with human-readable reasons, for one strategy. */
export function recommend(
  input: RecommendationInput,
  config: ScoringConfig,
  strategy: StrategyConfig,
): RecommendationResult {
  const rejections = hardRejections(input, strategy);
  if (rejections.length > 0 || input.roiPercent === null) return { recommendation: "SKIP", reasons: rejections };
  const step = ladderStep(input.roiPercent, input.velocity, config, strategy);
  let recommendation = step.recommendation;
  const reasons = [...step.reasons];
  for (const [cap, why] of caps(input, config, strategy)) {
    if (recommendationRank(recommendation) > recommendationRank(cap)) {
      recommendation = cap;
      reasons.push(`capped at ${cap}: ${why}`);
    }
  }
  return { recommendation, reasons };
}
