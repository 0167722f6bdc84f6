import type { ScoringConfig, StrategyConfig } from "./config.ts";
import { dollars } from "./math.ts";
import { RECOMMENDATIONS } from "./types.ts";
import type { DataQuality, Recommendation } from "./types.ts";

export type RecommendationInput = {
  roiPercent: number | null;
  profitCents: number | null;
  buyPriceCents: number | null;
  sellPriceCents: number | null;
  bsr: number | null;
  velocity: number;
  confidence: number;
  amazonOnListing: boolean | null;
  fbaSellers: number | null;
  dataQuality: DataQuality;
};

export type RecommendationResult = { recommendation: Recommendation; reasons: string[] };

export const recommendationRank = (r: Recommendation): number => RECOMMENDATIONS.indexOf(r);

/** Reasons that force SKIP whatever the numbers say: missing data is never filled with guesses. */
function hardRejections(input: RecommendationInput): string[] {
  const reasons: string[] = [];
  if (input.dataQuality === "unavailable") reasons.push("product data unavailable");
  if (input.amazonOnListing === true) reasons.push("Amazon sells on this listing: rejected");
  if (input.sellPriceCents === null) reasons.push("no sell price (buy box, new and used all missing)");
  if (input.buyPriceCents === null) reasons.push("no buy price (no used/new offer and no source price)");
  else if (input.roiPercent === null && input.sellPriceCents !== null)
    reasons.push("ROI undefined for a buy price of 0");
  if (input.bsr === null || input.bsr < 0) reasons.push("BSR unknown: sales velocity cannot be estimated");
  if (input.profitCents !== null && input.profitCents <= 0) reasons.push(`no profit (${dollars(input.profitCents)})`);
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

/** Caps that lower a good score when something we cannot confirm or a strategy rule says "be careful". */
function caps(input: RecommendationInput, config: ScoringConfig, strategy: StrategyConfig): [Recommendation, string][] {
  const out: [Recommendation, string][] = [];
  if (input.amazonOnListing === null)
    out.push(["BUY", "Amazon presence unknown: verify the listing manually before buying"]);
  if (input.dataQuality === "degraded") out.push(["BUY", "degraded data: STRONG_BUY needs a full Keepa response"]);
  const minConf = config.recommendation.minConfidenceForBuy;
  if (input.confidence < minConf) out.push(["CONSIDER", `confidence ${input.confidence} < ${minConf}`]);
  if (input.profitCents !== null && input.profitCents < strategy.minProfitCents) {
    out.push([
      "CONSIDER",
      `profit ${dollars(input.profitCents)} < strategy minimum ${dollars(strategy.minProfitCents)}`,
    ]);
  }
  if (input.fbaSellers !== null && input.fbaSellers > strategy.maxFbaSellers) {
    out.push(["CONSIDER", `${input.fbaSellers} FBA sellers > strategy maximum ${strategy.maxFbaSellers}`]);
  }
  return out;
}

/** STRONG_BUY / BUY / CONSIDER / SKIP with human-readable reasons, for one strategy. */
export function recommend(
  input: RecommendationInput,
  config: ScoringConfig,
  strategy: StrategyConfig,
): RecommendationResult {
  const rejections = hardRejections(input);
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
