import type { ScoringConfig } from "./config.ts";
import type { ConditionSignal } from "./types.ts";

export type ConditionInput = {
  /** ROI of selling at the sell condition's landed price against the buy cost; null if not computable. */
  roiPercent: number | null;
  /** Offers in the sell condition (live when verified, else Keepa's count). */
  offers: number | null;
};

/**
 * Condition signal (docs/scoring.md#condition-signal, docs/economics.md#decisions): STRONG if the sell condition's ROI
 * is ≥ 25 % with ≤ 10 offers in it, MODERATE if ≥ 10 % with ≤ 25, else WEAK; UNKNOWN without an ROI. An unknown offer
 * count fails the offer limit: competition we cannot see is not absent.
 */
export function conditionSignal(input: ConditionInput, config: ScoringConfig): ConditionSignal {
  if (input.roiPercent === null) return "UNKNOWN";
  const offers = input.offers;
  const within = (max: number) => offers !== null && offers >= 0 && offers <= max;
  const { strong, moderate } = config.conditionSignal;
  if (input.roiPercent >= strong.minRoiPercent && within(strong.maxOffers)) return "STRONG";
  if (input.roiPercent >= moderate.minRoiPercent && within(moderate.maxOffers)) return "MODERATE";
  return "WEAK";
}
