import type { NormalizedProduct } from "../keepa/normalize/types.ts";
import { DEFAULT_SCORING_CONFIG } from "../sourcing/config.ts";
import { recommendationRank } from "../sourcing/recommendation.ts";
import { classifyPickTier } from "../sourcing/tiers.ts";
import type { PickTierResult } from "../sourcing/tiers.ts";
import { byRanking, scoredView } from "../sourcing/view.ts";
import type { ScoredProductView } from "../sourcing/view.ts";
import type { ScoringConfig } from "./profile-config.ts";

export type Scored = { view: ScoredProductView; tier: PickTierResult; selected: boolean };

function passes(view: ScoredProductView, scoring: ScoringConfig): boolean {
  if (view.amazonOnListing === true) return false; // R18
  if (view.roiPercent === null || view.roiPercent < scoring.minRoi) return false;
  if (view.velocity < scoring.minVelocity) return false;
  return recommendationRank(view.recommendation) >= recommendationRank(scoring.minRecommendation);
}

/**
 * Scores every tested product (each one becomes a sighting) and marks the best `maxPicks` that pass the profile's
 * thresholds as selected (they become picks). Best first.
 */
export function scoreAndSelect(products: readonly NormalizedProduct[], scoring: ScoringConfig): Scored[] {
  const sourcePriceCents = scoring.sourcePrice === undefined ? undefined : Math.round(scoring.sourcePrice * 100);
  const views = products.map((p) => scoredView(p, { strategy: scoring.strategy, sourcePriceCents })).sort(byRanking);
  let kept = 0;
  return views.map((view) => {
    const selected = kept < scoring.maxPicks && passes(view, scoring);
    if (selected) kept += 1;
    return { view, tier: classifyPickTier(view, DEFAULT_SCORING_CONFIG), selected };
  });
}
