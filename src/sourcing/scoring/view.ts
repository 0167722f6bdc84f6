import type { NormalizedProduct } from "../../keepa/index.ts";
import { round2 } from "./math.ts";
import { recommendationRank } from "./recommendation.ts";
import { scoreProduct } from "./score.ts";
import type { ProductScore, Recommendation, StrategyName } from "./types.ts";
import { toScoringInput } from "./from-keepa.ts";

/** What the API returns per product. Money in integer cents (as everywhere in this API), scores 0–100. */
export type ScoredProductView = {
  asin: string;
  title: string | null;
  category: string | null;
  bsr: number | null;
  buyPriceCents: number | null;
  buyPriceSource: ProductScore["buyPriceSource"];
  sellPriceCents: number | null;
  sellPriceSource: ProductScore["sellPriceSource"];
  profitCents: number | null;
  roiPercent: number | null;
  velocity: number;
  velocityTier: ProductScore["velocityTier"];
  stability: number;
  confidence: number;
  recommendation: ProductScore["recommendation"];
  conditionSignal: ProductScore["conditionSignal"];
  amazonOnListing: boolean | null;
  fbaSellers: number | null;
  /** 0.6·ROI + 0.4·velocity, the order results are listed in within a recommendation; null without an ROI. */
  rankingScore: number | null;
  strategy: StrategyName;
  dataQuality: ProductScore["dataQuality"];
  reasons: string[];
  /** Scoring and Keepa data gaps, never silent. */
  warnings: string[];
};

/** Ranking weights (docs/scoring.md#ranking). */
export const RANKING_WEIGHTS = { roi: 0.6, velocity: 0.4 } as const;

export type ScoreViewOptions = { strategy: StrategyName; sourcePriceCents?: number | undefined };

/** Scores one normalized product and shapes it for the API. */
export function scoredView(product: NormalizedProduct, options: ScoreViewOptions): ScoredProductView {
  const score = scoreProduct(toScoringInput(product), {
    strategy: options.strategy,
    ...(options.sourcePriceCents !== undefined ? { sourcePriceCents: options.sourcePriceCents } : {}),
  });
  return {
    asin: score.asin,
    title: score.title,
    category: product.categoryName,
    bsr: score.bsr,
    buyPriceCents: score.buyPriceCents,
    buyPriceSource: score.buyPriceSource,
    sellPriceCents: score.sellPriceCents,
    sellPriceSource: score.sellPriceSource,
    profitCents: score.profitCents,
    roiPercent: score.roiPercent,
    velocity: score.velocity,
    velocityTier: score.velocityTier,
    stability: score.stability,
    confidence: score.confidence,
    recommendation: score.recommendation,
    conditionSignal: score.conditionSignal,
    amazonOnListing: score.amazonOnListing,
    fbaSellers: product.offerCounts.fba,
    rankingScore:
      score.roiPercent === null
        ? null
        : round2(RANKING_WEIGHTS.roi * score.roiPercent + RANKING_WEIGHTS.velocity * score.velocity),
    strategy: score.strategy,
    dataQuality: score.dataQuality,
    reasons: score.reasons,
    warnings: [...score.warnings, ...product.warnings],
  };
}

/**
 * Best first: by recommendation (STRONG_BUY … SKIP), then by ranking score, so a SKIP (e.g. Amazon on the listing)
 * never outranks a BUY however high its ROI; products without an ROI last within their recommendation, in their
 * discovery (rank) order.
 */
export function byRanking(a: ScoredProductView, b: ScoredProductView): number {
  const byRecommendation = recommendationRank(b.recommendation) - recommendationRank(a.recommendation);
  if (byRecommendation !== 0) return byRecommendation;
  if (a.rankingScore === null || b.rankingScore === null)
    return (a.rankingScore === null ? 1 : 0) - (b.rankingScore === null ? 1 : 0);
  return b.rankingScore - a.rankingScore;
}

/** The thresholds a seller sets on a search or a profile; an absent one does not filter. */
export type Thresholds = { minRoi?: number; minVelocity?: number; minRecommendation?: Recommendation };

/**
 * Whether a scored product is worth showing: a listing Amazon sells on never is, whatever its numbers
 * (docs/scoring.md#amazon-on-the-listing); otherwise every threshold given must be met.
 */
export function meetsThresholds(view: ScoredProductView, thresholds: Thresholds): boolean {
  if (view.amazonOnListing === true) return false;
  const { minRoi, minVelocity, minRecommendation } = thresholds;
  if (minRoi !== undefined && (view.roiPercent === null || view.roiPercent < minRoi)) return false;
  if (minVelocity !== undefined && view.velocity < minVelocity) return false;
  return (
    minRecommendation === undefined || recommendationRank(view.recommendation) >= recommendationRank(minRecommendation)
  );
}
