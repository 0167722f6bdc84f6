import type { Db } from "../../shared/index.ts";
import { iso } from "../types.ts";
import type { PickAction } from "../types.ts";
import type { PickRow } from "./picks.ts";

// The seller's reads across jobs (docs/autosourcing.md#daily-review-and-buy-list): the daily review, the buy list
// and the pick stats. Indexes in migrations/1764140007000_review-and-buy-list.sql.

/** A pick with the job and profile it came from. */
export type SellerPickRow = PickRow & {
  job_id: string;
  profile_id: string;
  profile_name: string;
  roi_percent: number | null;
  bsr: number | null;
};

const PICK_COLUMNS = `k.id::text, k.job_id::text, k.profile_id::text, p.name AS profile_name, k.asin, k.title,
  k.buy_price_cents, k.sell_price_cents, k.profit_cents, k.roi_percent::float8 AS roi_percent, k.bsr, k.velocity,
  k.stability, k.confidence, k.recommendation, k.tier, k.tier_reason, k.featured, k.action_status, k.action_at,
  k.notes, k.created_at, k.scores`;

/** The ASIN's history in the pick's profile, exactly as a job's picks show it (store/picks.ts jobPicks). */
const HISTORY_COLUMNS = `
  (SELECT count(*)::int FROM sightings s
    WHERE s.asin = k.asin AND s.profile_id = k.profile_id AND s.fresh) AS sightings,
  (SELECT min(s.seen_at) FROM sightings s WHERE s.asin = k.asin AND s.profile_id = k.profile_id) AS first_seen_at,
  NOT EXISTS (SELECT 1 FROM picks o
              WHERE o.asin = k.asin AND o.profile_id = k.profile_id AND o.created_at < k.created_at) AS is_new`;

/** ISO-8601 UTC as text: to the millisecond for the review's sighting times, to the microsecond for a cursor. */
const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** A reviewed pick and the times of its ASIN's fresh sightings (any profile), oldest first. */
export type ReviewPickRow = SellerPickRow & { finished_at: unknown; sighting_times: string[] };

/**
 * The picks of the jobs that finished in [from, to]: one per ASIN, the one of the latest-finished job; dropped when
 * the seller ignored that pick. History: every fresh sighting of the ASIN. A product served from the cache was
 * observed by an earlier run, so it is not a sighting (migrations/1764140005000_sighting-freshness.sql).
 */
export function reviewPicks(db: Db, window: { from: number; to: number }): Promise<ReviewPickRow[]> {
  return db.query<ReviewPickRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (k.asin) k.*, j.finished_at
       FROM picks k JOIN jobs j ON j.id = k.job_id
       WHERE j.finished_at >= $1::timestamptz AND j.finished_at <= $2::timestamptz
       ORDER BY k.asin, j.finished_at DESC, k.created_at DESC, k.id DESC
     )
     SELECT ${PICK_COLUMNS}, k.finished_at, h.times AS sighting_times
     FROM latest k JOIN profiles p ON p.id = k.profile_id
     CROSS JOIN LATERAL (
       SELECT COALESCE(jsonb_agg(to_char(s.seen_at AT TIME ZONE 'UTC', ${ISO_MS}) ORDER BY s.seen_at), '[]'::jsonb)
         AS times
       FROM sightings s WHERE s.asin = k.asin AND s.fresh
     ) h
     WHERE k.action_status <> 'ignored'`,
    [iso(window.from), iso(window.to)],
  );
}

/** Where a page of the buy list ends: the last row's sort key (microseconds, exact) and id. */
export type PickKey = { at: string; id: string };

export type ListedPickRow = SellerPickRow & { sort_key: string };

/** Newest action first: a pick never acted on sorts by when it was found. */
const SORT_AT = "COALESCE(k.action_at, k.created_at)";

/**
 * One action's picks across all jobs, newest action first, after `after` (keyset on (action_at or created_at, id)).
 * Setting an action moves a pick to the front, so a walk in progress never meets a row twice.
 */
export function picksByAction(
  db: Db,
  filter: { action: PickAction; limit: number; after?: PickKey | undefined },
): Promise<ListedPickRow[]> {
  const after = filter.after ? `AND (${SORT_AT}, k.id) < ($3::timestamptz, $4::uuid)` : "";
  const params: unknown[] = [filter.action, filter.limit];
  if (filter.after) params.push(filter.after.at, filter.after.id);
  return db.query<ListedPickRow>(
    `SELECT ${PICK_COLUMNS}, ${HISTORY_COLUMNS},
       to_char(${SORT_AT} AT TIME ZONE 'UTC', ${ISO_US}) AS sort_key
     FROM picks k JOIN profiles p ON p.id = k.profile_id
     WHERE k.action_status = $1 ${after}
     ORDER BY ${SORT_AT} DESC, k.id DESC
     LIMIT $2`,
    params,
  );
}

export type ActionCountRow = { action_status: PickAction; total: number; recent: number };

/** Picks per action: all of them, and those created since `since`. */
export function actionCounts(db: Db, since: number): Promise<ActionCountRow[]> {
  return db.query<ActionCountRow>(
    `SELECT action_status, count(*)::int AS total, (count(*) FILTER (WHERE created_at >= $1::timestamptz))::int AS recent
     FROM picks GROUP BY action_status`,
    [iso(since)],
  );
}

/** The highest-ROI pick created since `since` that the seller did not ignore; the newest wins a tie. */
export async function bestPickSince(db: Db, since: number): Promise<SellerPickRow | undefined> {
  const rows = await db.query<SellerPickRow>(
    `SELECT ${PICK_COLUMNS}, ${HISTORY_COLUMNS}
     FROM picks k JOIN profiles p ON p.id = k.profile_id
     WHERE k.created_at >= $1::timestamptz AND k.action_status <> 'ignored' AND k.roi_percent IS NOT NULL
     ORDER BY k.roi_percent DESC, k.created_at DESC, k.id DESC
     LIMIT 1`,
    [iso(since)],
  );
  return rows[0];
}
