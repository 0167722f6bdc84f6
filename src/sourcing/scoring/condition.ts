import type { ScoringConfig } from "./config.ts";
import type { ConditionSignal } from "./types.ts";

export type ConditionInput = {
  /** ROI of selling this copy at the lowest used price, with the full fee model; null if not computable. */
  usedRoiPercent: number | null;
  usedOfferCount: number | null;
};

/**
 * Condition signal (docs/scoring.md#condition-signal): STRONG if used ROI ≥ 25 % with ≤ 10 used offers,
 * MODERATE if ≥ 10 % with ≤ 25, else WEAK; UNKNOWN without a used ROI. An unknown offer count fails the offer limit:
 * competition we cannot see is not absent.
 */
export function conditionSignal(input: ConditionInput, config: ScoringConfig): ConditionSignal {
  if (input.usedRoiPercent === null) return "UNKNOWN";
  const offers = input.usedOfferCount;
  const within = (max: number) => offers !== null && offers >= 0 && offers <= max;
  const { strong, moderate } = config.conditionSignal;
  if (input.usedRoiPercent >= strong.minRoiPercent && within(strong.maxUsedOffers)) return "STRONG";
  if (input.usedRoiPercent >= moderate.minRoiPercent && within(moderate.maxUsedOffers)) return "MODERATE";
  return "WEAK";
}
