import { DOMAIN_CURRENCY } from "../../keepa/index.ts";
import type { Condition, MarketCurrency, NormalizedProduct } from "../../keepa/index.ts";
import { round2 } from "./math.ts";
import { recommendationRank } from "./recommendation.ts";
import { scoreProduct } from "./score.ts";
import type { ScoringConfig } from "./config.ts";
import type { CostModel, LandedPrice, ProductScore, Recommendation, StrategyName } from "./types.ts";
import { toScoringInput } from "./from-keepa.ts";

/** A landed price as the API shows it: the observation time in ISO 8601 UTC instead of epoch ms. */
export type LandedPriceView = Omit<LandedPrice, "observedAt"> & { observedAt: string | null };

/** What the API returns per product. Money in integer cents of `currency`, scores 0–100. */
export type ScoredProductView = {
  asin: string;
  /** The marketplace's currency, which every cents field of the product is in. */
  currency: MarketCurrency;
  title: string | null;
  category: string | null;
  bsr: number | null;
  /** The condition the copy is sold in; `sellPrice` is always of this condition and landed. */
  sellCondition: ProductScore["sellCondition"];
  sellPrice: LandedPriceView | null;
  buyCost: ProductScore["buyCost"];
  /** `sellPrice.cents` / `buyCost.cents`. */
  sellPriceCents: number | null;
  buyPriceCents: number | null;
  maxBuyCents: number | null;
  maxBuyRule: ProductScore["maxBuyRule"];
  verified: boolean;
  /** ISO 8601 UTC time of the live offers fetch. */
  verifiedAt: string | null;
  provisional: boolean;
  competition: ProductScore["competition"];
  estimate: ProductScore["estimate"];
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

/** How a request or profile scores: strategy, and optionally its own sell condition and cost model. */
export type ScoreViewOptions = {
  strategy: StrategyName;
  sellCondition?: Condition | undefined;
  costModel?: CostModel | undefined;
  belowMinProfit?: "cap" | "skip" | undefined;
  /** The scoring settings in force (docs/scoring.md#configuration). @default DEFAULT_SCORING_CONFIG */
  config?: ScoringConfig | undefined;
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The product's marketplace currency; a product without a known domain is from the default one (1, USD). */
export function currencyOfProduct(product: Pick<NormalizedProduct, "domainId">): MarketCurrency {
  const byDomain = DOMAIN_CURRENCY as Record<number, MarketCurrency | undefined>;
  return (product.domainId === null ? undefined : byDomain[product.domainId]) ?? "USD";
}

/** Scores one normalized product and shapes it for the API. */
export function scoredView(product: NormalizedProduct, options: ScoreViewOptions): ScoredProductView {
  const score = scoreProduct(toScoringInput(product), {
    strategy: options.strategy,
    ...(options.sellCondition ? { sellCondition: options.sellCondition } : {}),
    ...(options.costModel ? { costModel: options.costModel } : {}),
    ...(options.belowMinProfit ? { belowMinProfit: options.belowMinProfit } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  return {
    asin: score.asin,
    currency: currencyOfProduct(product),
    title: score.title,
    category: product.categoryName,
    bsr: score.bsr,
    sellCondition: score.sellCondition,
    sellPrice: score.sellPrice ? { ...score.sellPrice, observedAt: iso(score.sellPrice.observedAt) } : null,
    buyCost: score.buyCost,
    sellPriceCents: score.sellPriceCents,
    buyPriceCents: score.buyPriceCents,
    maxBuyCents: score.maxBuyCents,
    maxBuyRule: score.maxBuyRule,
    verified: score.verified,
    verifiedAt: iso(score.verifiedAt),
    provisional: score.provisional,
    competition: score.competition,
    estimate: score.estimate,
    profitCents: score.profitCents,
    roiPercent: score.roiPercent,
    velocity: score.velocity,
    velocityTier: score.velocityTier,
    stability: score.stability,
    confidence: score.confidence,
    recommendation: score.recommendation,
    conditionSignal: score.conditionSignal,
    amazonOnListing: score.amazonOnListing,
    fbaSellers: score.competition.live ? score.competition.fbaOffers : null,
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

/**
 * Screened products best first for verification (docs/economics.md#two-stage-funnel), by their screening estimate
 * then velocity. Left out: those no offer can save (no data, no rank, Amazon on the listing) and those whose
 * estimate already loses money.
 */
export function verificationOrder(products: readonly NormalizedProduct[], options: ScoreViewOptions): string[] {
  const candidates = products
    .filter((p) => p.dataQuality !== "unavailable" && p.amazonOnListing !== true && p.bsr !== null)
    .map((p) => ({ asin: p.asin, score: scoredView(p, options) }))
    .filter(({ score }) => score.estimate.roiPercent !== null && score.estimate.roiPercent > 0);
  candidates.sort(
    (a, b) =>
      (b.score.estimate.roiPercent ?? 0) - (a.score.estimate.roiPercent ?? 0) || b.score.velocity - a.score.velocity,
  );
  return candidates.map((c) => c.asin);
}
