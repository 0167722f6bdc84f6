import type { MarketCurrency } from "../keepa/index.ts";
import type { Db } from "../shared/index.ts";
import { actionCounts, bestPickSince, picksByAction } from "./store/seller.ts";
import type { PickKey, SellerPickRow } from "./store/seller.ts";
import { PICK_ACTIONS } from "./types.ts";
import type { PickAction } from "./types.ts";
import { pickView } from "./views.ts";

// The buy list and the pick stats (docs/autosourcing.md#daily-review-and-buy-list).

/** The most rows a CSV export holds; the response says when there were more. */
export const EXPORT_LIMIT = 5000;
/** Engagement is measured over the picks of this many days; the best pick of the day over the last 24 h. */
export const ENGAGEMENT_DAYS = 7;
const DAY_MS = 86_400_000;

/** A pick of the buy list: its fields, economics (in `currency`) and history, and where it came from. */
export function listedPick(row: SellerPickRow, currency: MarketCurrency) {
  return { ...pickView(row, currency), jobId: row.job_id, profileId: row.profile_id, profileName: row.profile_name };
}

/** Where the next page starts: opaque to clients, bound to its action. */
export type Cursor = PickKey & { action: PickAction };

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,256}$/;

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify({ a: cursor.action, t: cursor.at, i: cursor.id })).toString("base64url");

/** The cursor a page handed out, or null for anything else (a tampered or truncated one included). */
export function decodeCursor(text: string): Cursor | null {
  if (!BASE64URL.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const { a, t, i } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof a !== "string" || !(PICK_ACTIONS as readonly string[]).includes(a)) return null;
  if (typeof t !== "string" || !SORT_KEY.test(t) || Number.isNaN(Date.parse(t))) return null;
  if (typeof i !== "string" || !UUID.test(i)) return null;
  return { action: a as PickAction, at: t, id: i };
}

/** One page of an action's picks across jobs, newest action first; `nextCursor` is null on the last page. */
export async function buyListPage(
  db: Db,
  query: { action: PickAction; limit: number; cursor?: Cursor | undefined; currency: MarketCurrency },
) {
  const rows = await picksByAction(db, { action: query.action, limit: query.limit + 1, after: query.cursor });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ action: query.action, at: last.sort_key, id: last.id }) : null;
  return {
    action: query.action,
    limit: query.limit,
    items: page.map((row) => listedPick(row, query.currency)),
    nextCursor,
  };
}

/**
 * Counts per action (all picks), engagement (the share of the last {@link ENGAGEMENT_DAYS} days' picks the seller
 * acted on, i.e. not pending; null without picks) and the best pick of the last 24 h that was not ignored.
 */
export async function pickStats(db: Db, now: number, currency: MarketCurrency) {
  const since = now - ENGAGEMENT_DAYS * DAY_MS;
  const [rows, best] = await Promise.all([actionCounts(db, since), bestPickSince(db, now - DAY_MS)]);
  const counts = Object.fromEntries(PICK_ACTIONS.map((a) => [a, 0])) as Record<PickAction, number>;
  let picks = 0;
  let actedOn = 0;
  for (const row of rows) {
    counts[row.action_status] = row.total;
    picks += row.recent;
    if (row.action_status !== "pending") actedOn += row.recent;
  }
  const total = PICK_ACTIONS.reduce((sum, a) => sum + counts[a], 0);
  const rate = picks === 0 ? null : Math.round((actedOn / picks) * 10_000) / 10_000;
  return {
    counts,
    total,
    engagement: { days: ENGAGEMENT_DAYS, since: new Date(since).toISOString(), picks, actedOn, rate },
    bestOfDay: best ? listedPick(best, currency) : null,
  };
}
