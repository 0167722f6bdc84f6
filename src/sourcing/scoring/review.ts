import type { ScoringConfig } from "./config.ts";
import type { ConditionSignal } from "./types.ts";

export type ReviewClass = "REJECT" | "FLUKE" | "JACKPOT" | "REVENANT" | "STABLE";

export type ReviewInput = {
  roiPercent: number | null;
  bsr: number | null;
  amazonOnListing: boolean | null;
  conditionSignal: ConditionSignal;
  /** ISO-8601 UTC times of every stored sighting of this ASIN, INCLUDING the one being reviewed. */
  sightings: string[];
};

export type ReviewResult = { classification: ReviewClass; reason: string; requiresManualCheck: boolean };

const HOUR_MS = 3_600_000;

function sortedTimes(sightings: string[]): number[] {
  return sightings
    .map((s) => Date.parse(s))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
}

function rejection(input: ReviewInput, cfg: ScoringConfig["dailyReview"]): string | null {
  if (input.amazonOnListing === true) return "Amazon sells on this listing";
  if (input.roiPercent === null) return "ROI unknown (no real buy/sell price)";
  if (input.roiPercent < 0) return `negative ROI ${input.roiPercent}%`;
  if (input.bsr === null || input.bsr < 0) return "BSR unknown";
  if (input.conditionSignal === "WEAK" && input.roiPercent < cfg.weakRejectRoiBelow) {
    return `WEAK condition signal with ROI ${input.roiPercent}% < ${cfg.weakRejectRoiBelow}%`;
  }
  return null;
}

/**
 * Daily review class (docs/autosourcing.md#daily-review-classes, first match wins): REJECT → FLUKE (no sighting) →
 * JACKPOT (ROI strictly above 80, always flagged for a human check) → REVENANT (back after a gap > 24 h between its
 * last two sightings) → STABLE (≥ 2 sightings and ROI ≥ 15) → FLUKE. BSR 0 is a real rank and is not rejected.
 */
export function classifyDailyReview(input: ReviewInput, config: ScoringConfig): ReviewResult {
  const cfg = config.dailyReview;
  const rejected = rejection(input, cfg);
  if (rejected !== null) return { classification: "REJECT", reason: rejected, requiresManualCheck: false };
  const roi = input.roiPercent as number;
  const times = sortedTimes(input.sightings);
  if (times.length === 0) return { classification: "FLUKE", reason: "no sighting history", requiresManualCheck: false };
  if (roi > cfg.jackpotRoiAbove) {
    return {
      classification: "JACKPOT",
      reason: `ROI ${roi}% > ${cfg.jackpotRoiAbove}%: verify manually before buying`,
      requiresManualCheck: true,
    };
  }
  const latest = times.at(-1) as number;
  const previous = times.at(-2);
  if (previous !== undefined && latest - previous > cfg.revenantGapHours * HOUR_MS) {
    const hours = Math.round((latest - previous) / HOUR_MS);
    return { classification: "REVENANT", reason: `seen again after ${hours} h`, requiresManualCheck: false };
  }
  if (times.length >= cfg.stableMinSightings && roi >= cfg.stableMinRoi) {
    return {
      classification: "STABLE",
      reason: `${times.length} sightings with ROI ${roi}% ≥ ${cfg.stableMinRoi}%`,
      requiresManualCheck: false,
    };
  }
  return {
    classification: "FLUKE",
    reason: `${times.length} sighting(s), ROI ${roi}%: not yet stable`,
    requiresManualCheck: false,
  };
}
