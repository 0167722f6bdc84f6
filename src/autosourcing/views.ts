import type { MarketCurrency } from "../keepa/index.ts";
import { discoveryConfig, scoringConfig } from "./profile-config.ts";
import type { JobListRow, JobRow } from "./store/jobs.ts";
import type { PickRow } from "./store/picks.ts";
import type { ProfileRow } from "./store/profiles.ts";
import { nextRunsAfter, readSchedule, runView } from "./recurrence.ts";

/**
 * Timestamps come back as Date (timestamptz), text, or epoch ms (inside stored scores); the API always says ISO-8601
 * UTC (docs/autosourcing.md#time).
 */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === "number" ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The jobs list item: exactly what the dashboard reads. */
export function jobListItem(row: JobRow) {
  return {
    id: row.id,
    profileId: row.profile_id,
    profileName: row.profile_name,
    status: row.status,
    statusReason: row.status_reason,
    retryAt: isoOrNull(row.retry_at),
    tokensReserved: row.tokens_reserved,
    tokensSpent: row.tokens_spent,
    testedCount: row.tested_count,
    selectedCount: row.selected_count,
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    durationMs: row.duration_ms,
  };
}

/** A row of the jobs list: the job and a preview of its 3 best picks (the detail has them all). */
export function jobListEntry(row: JobListRow) {
  const picks = row.top_picks.map((p) => ({
    asin: p.asin,
    title: p.title,
    tier: p.tier,
    roiPercent: p.roi_percent,
    recommendation: p.recommendation,
  }));
  return { ...jobListItem(row), picks };
}

export function jobDetail(row: JobRow) {
  return {
    ...jobListItem(row),
    trigger: row.trigger,
    slot: isoOrNull(row.slot),
    attempts: row.attempts,
    createdAt: isoOrNull(row.created_at),
    deadlineAt: isoOrNull(row.deadline_at),
    error: row.error,
    plan: row.plan ?? null,
  };
}

/** What a pick's price rests on (docs/economics.md), from the score stored with it; null on rows older than it. */
function economicsOf(scores: unknown) {
  const s = (typeof scores === "object" && scores !== null ? scores : {}) as Record<string, unknown>;
  const field = (key: string) => s[key] ?? null;
  const sell = s.sellPrice as Record<string, unknown> | null | undefined;
  return {
    sellCondition: field("sellCondition"),
    // Scores store when the price was observed as epoch ms; the API says instants in ISO 8601.
    sellPrice: sell ? { ...sell, observedAt: isoOrNull(sell.observedAt) } : null,
    buyCost: field("buyCost"),
    maxBuyCents: field("maxBuyCents"),
    verified: s.verified === true,
    verifiedAt: field("verifiedAt"),
    competition: field("competition"),
    reasons: Array.isArray(s.reasons) ? s.reasons : [],
  };
}

/**
 * A pick's own fields and economics, without its history (the review counts history its own way).
 * @param currency the marketplace's (currencyOf the Keepa domain), which every cents field is in
 */
export function pickFields(row: PickRow, currency: MarketCurrency) {
  return {
    id: row.id,
    asin: row.asin,
    title: row.title ?? null,
    tier: row.tier,
    tierReason: row.tier_reason,
    featured: row.featured,
    recommendation: row.recommendation,
    roiPercent: row.roi_percent ?? null,
    profitCents: row.profit_cents ?? null,
    buyPriceCents: row.buy_price_cents ?? null,
    sellPriceCents: row.sell_price_cents ?? null,
    currency,
    bsr: row.bsr ?? null,
    velocity: row.velocity,
    stability: row.stability,
    confidence: row.confidence,
    actionStatus: row.action_status,
    actionAt: isoOrNull(row.action_at),
    notes: row.notes ?? null,
    createdAt: isoOrNull(row.created_at),
    ...economicsOf(row.scores),
  };
}

/** A pick with its ASIN's history in the profile (how often seen, when first, whether new). */
export function pickView(row: PickRow, currency: MarketCurrency) {
  const history = { sightings: row.sightings, firstSeenAt: isoOrNull(row.first_seen_at), isNew: row.is_new };
  return { ...pickFields(row, currency), history };
}

/** A profile's schedule as saved, and its next 5 runs from `now` (UTC instant and local time). */
function scheduleOf(row: ProfileRow, now: number) {
  const schedule = readSchedule(row.schedule);
  // A stored schedule that no longer reads is not run (createDueJobs skips it), so it has no next runs.
  if (!schedule && row.schedule !== null && row.schedule !== undefined) return { schedule: null, nextRuns: [] };
  const nextRuns = schedule
    ? nextRunsAfter(schedule, now).map((at) => runView(schedule, at))
    : nextMinuteSlots(row.schedule_minutes, now).map((at) => ({ at: new Date(at).toISOString(), local: null }));
  // pauseUntil is taken with any offset; the API answers instants in UTC.
  const shown = schedule?.pauseUntil
    ? { ...schedule, pauseUntil: isoOrNull(schedule.pauseUntil) ?? undefined }
    : schedule;
  return { schedule: shown, nextRuns };
}

/** The next slots of a scheduleMinutes profile: epoch multiples of it (UTC). */
function nextMinuteSlots(minutes: number, now: number): number[] {
  const step = minutes * 60_000;
  const first = Math.floor(now / step) * step + step;
  return [0, 1, 2, 3, 4].map((i) => first + i * step);
}

/** A stored config read with today's defaults, so every profile shows the same fields; as stored if it no longer reads. */
function normalized(schema: typeof discoveryConfig | typeof scoringConfig, value: unknown): unknown {
  const parsed = schema.safeParse(value ?? {});
  return parsed.success ? parsed.data : value;
}

/** @param now the clock nextRuns are counted from @default Date.now() */
export function profileView(row: ProfileRow, now: number = Date.now()) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    discovery: normalized(discoveryConfig, row.discovery),
    scoring: normalized(scoringConfig, row.scoring),
    scheduleMinutes: row.schedule_minutes,
    ...scheduleOf(row, now),
    active: row.active,
    createdAt: isoOrNull(row.created_at),
    updatedAt: isoOrNull(row.updated_at),
    lastRun: { at: isoOrNull(row.last_run_at), status: row.last_status, jobId: row.last_job_id },
    runCount: row.run_count,
    /** The API key whose tokens and daily quota its jobs spend; null in local mode. */
    ownerKeyId: row.owner_key_id,
  };
}
