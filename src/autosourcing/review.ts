import { classifyDailyReview, DEFAULT_SCORING_CONFIG } from "../sourcing/index.ts";
// The sourcing scorer's config (its `dailyReview` thresholds), not a profile's scoring settings (profile-config.ts).
import type { ConditionSignal, ReviewClass, ScoringConfig as SourcingConfig } from "../sourcing/index.ts";
import type { Db } from "../shared/index.ts";
import { reviewPicks } from "./store/seller.ts";
import type { ReviewPickRow } from "./store/seller.ts";
import { isoOrNull, pickFields } from "./views.ts";

/** The classes in the classifier's order (docs/autosourcing.md#daily-review-classes). */
export const REVIEW_CLASSES = ["REJECT", "FLUKE", "JACKPOT", "REVENANT", "STABLE"] as const satisfies ReviewClass[];

/** How many opportunities `top` lists. */
export const REVIEW_TOP = 5;
const DAY_MS = 86_400_000;

export type ReviewOptions = {
  /** Whole days back from `now` (1..7). */
  daysBack: number;
  /** The least ROI (%) an actionable STABLE pick has. */
  minRoi: number;
  now: number;
  /** @default DEFAULT_SCORING_CONFIG (its `dailyReview` thresholds) */
  config?: SourcingConfig;
};

const scoreField = (scores: unknown, key: string): unknown =>
  typeof scores === "object" && scores !== null ? (scores as Record<string, unknown>)[key] : undefined;

/** One reviewed pick: its fields and economics, its class, and its fresh sighting history. */
function reviewItem(row: ReviewPickRow, config: SourcingConfig) {
  const times = row.sighting_times;
  const amazon = scoreField(row.scores, "amazonOnListing");
  const signal = scoreField(row.scores, "conditionSignal");
  const result = classifyDailyReview(
    {
      roiPercent: row.roi_percent ?? null,
      bsr: row.bsr ?? null,
      amazonOnListing: typeof amazon === "boolean" ? amazon : null,
      conditionSignal: typeof signal === "string" ? (signal as ConditionSignal) : "UNKNOWN",
      // The fresh sightings include the reviewed one when its job bought the data, as the classifier expects.
      sightings: times,
    },
    config,
  );
  return {
    ...pickFields(row),
    jobId: row.job_id,
    profileId: row.profile_id,
    profileName: row.profile_name,
    jobFinishedAt: isoOrNull(row.finished_at),
    classification: result.classification,
    reason: result.reason,
    requiresManualCheck: result.requiresManualCheck,
    sightings: times.length,
    firstSeenAt: times[0] ?? null,
    lastSeenAt: times.at(-1) ?? null,
  };
}

export type ReviewItem = ReturnType<typeof reviewItem>;

const numberOr = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);

/** Best ROI first (unknown last), then by ASIN: the same order on every call. */
const byRoi = (a: ReviewItem, b: ReviewItem): number =>
  numberOr(b.roiPercent, -Infinity) - numberOr(a.roiPercent, -Infinity) || a.asin.localeCompare(b.asin);

/**
 * The daily review (0 tokens): the window's picks, one per ASIN, each classified over its fresh sightings; counts
 * per class; the best {@link REVIEW_TOP} by ROI that are not REJECT; and the STABLE ones worth buying now, each with
 * the most to pay (`buyAtMostCents` = its `maxBuyCents`).
 */
export async function dailyReview(db: Db, options: ReviewOptions) {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const to = options.now;
  const from = to - options.daysBack * DAY_MS;
  const items = (await reviewPicks(db, { from, to })).map((row) => reviewItem(row, config)).sort(byRoi);
  const counts = Object.fromEntries(REVIEW_CLASSES.map((c) => [c, 0])) as Record<ReviewClass, number>;
  for (const item of items) counts[item.classification] += 1;
  const top = items.filter((item) => item.classification !== "REJECT").slice(0, REVIEW_TOP);
  const actionable = items
    .filter((item) => item.classification === "STABLE" && numberOr(item.roiPercent, -Infinity) >= options.minRoi)
    .map((item) => ({ ...item, buyAtMostCents: typeof item.maxBuyCents === "number" ? item.maxBuyCents : null }));
  return {
    window: { daysBack: options.daysBack, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    minRoi: options.minRoi,
    total: items.length,
    counts,
    items,
    top,
    actionable,
  };
}
