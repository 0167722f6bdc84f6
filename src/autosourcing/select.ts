import type { NormalizedProduct } from "../keepa/index.ts";
import {
  byRanking,
  classifyPickTier,
  DEFAULT_SCORING_CONFIG,
  meetsThresholds,
  scoredView,
  scoringChoice,
} from "../sourcing/index.ts";
import type { PickTierResult, ScoredProductView, ScoreViewOptions, ScoringSettings } from "../sourcing/index.ts";
import type { ScoringConfig } from "./profile-config.ts";

/** `fresh`: this job bought the product's data from Keepa (a cache hit is not a new sighting). */
export type Scored = { view: ScoredProductView; tier: PickTierResult; selected: boolean; fresh: boolean };

/** How a profile scores: its strategy, condition and cost model; below the minimum profit a pick is SKIP. */
export function profileChoice(scoring: ScoringConfig, settings?: ScoringSettings): ScoreViewOptions {
  const choice = scoringChoice(scoring);
  return { ...choice, belowMinProfit: scoring.keepBelowMinProfit ? "cap" : "skip", config: settings?.config };
}

/**
 * Scores every tested product (each one becomes a sighting) and marks the best `maxPicks` that pass the profile's
 * thresholds as selected (they become picks). Best first.
 */
export function scoreAndSelect(
  products: readonly NormalizedProduct[],
  scoring: ScoringConfig,
  fresh: ReadonlySet<string> = new Set(),
  settings?: ScoringSettings,
): Scored[] {
  const choice = profileChoice(scoring, settings);
  const views = products.map((p) => scoredView(p, choice)).sort(byRanking);
  let kept = 0;
  return views.map((view) => {
    const selected = kept < scoring.maxPicks && meetsThresholds(view, scoring);
    if (selected) kept += 1;
    return {
      view,
      tier: classifyPickTier(view, settings?.config ?? DEFAULT_SCORING_CONFIG),
      selected,
      fresh: fresh.has(view.asin),
    };
  });
}
