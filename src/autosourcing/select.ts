import type { NormalizedProduct } from "../keepa/index.ts";
import {
  byRanking,
  classifyPickTier,
  DEFAULT_SCORING_CONFIG,
  meetsThresholds,
  scoredView,
  toCents,
} from "../sourcing/index.ts";
import type { PickTierResult, ScoredProductView } from "../sourcing/index.ts";
import type { ScoringConfig } from "./profile-config.ts";

export type Scored = { view: ScoredProductView; tier: PickTierResult; selected: boolean };

/**
 * Scores every tested product (each one becomes a sighting) and marks the best `maxPicks` that pass the profile's
 * thresholds as selected (they become picks). Best first.
 */
export function scoreAndSelect(products: readonly NormalizedProduct[], scoring: ScoringConfig): Scored[] {
  const sourcePriceCents = toCents(scoring.sourcePrice);
  const views = products.map((p) => scoredView(p, { strategy: scoring.strategy, sourcePriceCents })).sort(byRanking);
  let kept = 0;
  return views.map((view) => {
    const selected = kept < scoring.maxPicks && meetsThresholds(view, scoring);
    if (selected) kept += 1;
    return { view, tier: classifyPickTier(view, DEFAULT_SCORING_CONFIG), selected };
  });
}
