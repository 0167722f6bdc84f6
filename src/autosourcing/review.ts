import { classifyDailyReview, DEFAULT_SCORING_CONFIG } from "../sourcing/index.ts";
// The sourcing scorer's config (its `dailyReview` thresholds), not a profile's scoring settings (profile-config.ts).
import type { ConditionSignal, ReviewClass, ScoringConfig as SourcingConfig } from "../sourcing/index.ts";
import type { MarketCurrency } from "../keepa/index.ts";
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
  /** The marketplace's: every cents field is in it. */
  currency: MarketCurrency;
  /** Items per page (counts, `top` and `actionable` are over the whole window). */
  limit: number;
  /** Where the page starts: after this item (a decoded `nextCursor`). */
  cursor?: ReviewCursor | undefined;
  /** @default DEFAULT_SCORING_CONFIG (its `dailyReview` thresholds) */
  config?: SourcingConfig;
};

/** The last item of a page in the review's order: its ROI (null when unknown) and ASIN, one item per ASIN. */
export type ReviewCursor = { roi: number | null; asin: string };

export const encodeReviewCursor = (cursor: ReviewCursor): string =>
  Buffer.from(JSON.stringify([cursor.roi, cursor.asin]), "utf8").toString("base64url");

/** The cursor a page handed out, or null for anything else. */
export function decodeReviewCursor(text: string): ReviewCursor | null {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(text)) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [roi, asin] = value as unknown[];
    if (roi !== null && (typeof roi !== "number" || !Number.isFinite(roi))) return null;
    if (typeof asin !== "string" || !/^[0-9A-Z]{10}$/.test(asin)) return null;
    return { roi, asin };
  } catch {
    return null;
  }
}

const scoreField = (scores: unknown, key: string): unknown =>
  typeof scores === "object" && scores !== null ? (scores as Record<string, unknown>)[key] : undefined;

/** One reviewed pick: its fields and economics, its class, and its fresh sighting history. */
function reviewItem(row: ReviewPickRow, config: SourcingConfig, currency: MarketCurrency) {
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
    ...pickFields(row, currency),
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

/** Best ROI first (unknown last), then by ASIN: the same order on every call, so a cursor is a position in it. */
const order = (a: { roi: unknown; asin: string }, b: { roi: unknown; asin: string }): number =>
  numberOr(b.roi, -Infinity) - numberOr(a.roi, -Infinity) || (a.asin < b.asin ? -1 : a.asin > b.asin ? 1 : 0);
const byRoi = (a: ReviewItem, b: ReviewItem): number =>
  order({ roi: a.roiPercent, asin: a.asin }, { roi: b.roiPercent, asin: b.asin });

/** One page of the ordered items, after the cursor; `nextCursor` null on the last page. */
function pageOf(items: readonly ReviewItem[], limit: number, cursor: ReviewCursor | undefined) {
  const after = cursor ? items.filter((item) => order(cursor, { roi: item.roiPercent, asin: item.asin }) < 0) : items;
  const shown = after.slice(0, limit);
  const last = shown.at(-1);
  const roi = typeof last?.roiPercent === "number" ? last.roiPercent : null;
  const nextCursor = after.length > limit && last ? encodeReviewCursor({ roi, asin: last.asin }) : null;
  return { items: shown, limit, nextCursor };
}

/**
 * The daily review (0 tokens): the window's picks, one per ASIN, each classified over its fresh sightings; counts
 * per class; the best {@link REVIEW_TOP} by ROI that are not REJECT; and the STABLE ones worth buying now, each with
 * the most to pay (`buyAtMostCents` = its `maxBuyCents`).
 */
export async function dailyReview(db: Db, options: ReviewOptions) {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const to = options.now;
  const from = to - options.daysBack * DAY_MS;
  const items = (await reviewPicks(db, { from, to }))
    .map((row) => reviewItem(row, config, options.currency))
    .sort(byRoi);
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
    ...pageOf(items, options.limit, options.cursor),
    top,
    actionable,
  };
}
