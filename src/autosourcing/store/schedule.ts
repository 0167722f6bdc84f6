import type { Db } from "../db.ts";
import { SLOT_GRACE_SECONDS } from "../slots.ts";
import { RUN_LIMITS } from "../types.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One job per active profile for its current slot (see slots.ts, same arithmetic in SQL). The unique index on
 * (profile_id, slot) makes a second tick in the same slot — or two ticks at once — insert nothing.
 */
export function createDueJobs(db: Db, now: number): Promise<{ id: string; profile_id: string }[]> {
  return db.query(
    `INSERT INTO jobs (profile_id, slot, trigger, deadline_at)
     SELECT p.id, to_timestamp(floor((extract(epoch FROM $1::timestamptz) + $2) / (p.schedule_minutes * 60)) * p.schedule_minutes * 60), 'schedule', $3
     FROM profiles p WHERE p.active
     ON CONFLICT (profile_id, slot) WHERE slot IS NOT NULL DO NOTHING
     RETURNING id::text, profile_id::text`,
    [iso(now), SLOT_GRACE_SECONDS, iso(now + RUN_LIMITS.pendingDeadlineMs)],
  );
}

/** A skipped job whose retry time has come goes back to pending, unless a newer job of its profile exists. */
export function requeueSkipped(db: Db, now: number): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE jobs j SET status = 'pending', retry_at = NULL, dispatched_at = NULL, finished_at = NULL, duration_ms = NULL,
       status_reason = 'retrying after: ' || COALESCE(j.status_reason, 'skip'), deadline_at = $2
     WHERE j.status = 'skipped' AND j.retry_at <= $1 AND j.attempts < $3
       AND NOT EXISTS (SELECT 1 FROM jobs newer WHERE newer.profile_id = j.profile_id AND newer.created_at > j.created_at)
     RETURNING j.id::text`,
    [iso(now), iso(now + RUN_LIMITS.pendingDeadlineMs), RUN_LIMITS.maxAttempts],
  );
}

/**
 * Claims pending jobs to hand to the worker: never sent, or sent long ago without starting. The row update is the
 * claim, so two overlapping ticks never send the same job twice in one window.
 */
export function claimForDispatch(db: Db, now: number, limit = 50): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE jobs SET dispatched_at = $1, dispatch_count = dispatch_count + 1
     WHERE id IN (
       SELECT id FROM jobs WHERE status = 'pending' AND (dispatched_at IS NULL OR dispatched_at < $2) AND (deadline_at IS NULL OR deadline_at > $1)
       ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id::text`,
    [iso(now), iso(now - RUN_LIMITS.redispatchAfterMs), limit],
  );
}

/**
 * The reaper: an open job past its deadline is dead (worker killed, or never started), so it ends `failed` with the
 * reason and its duration — no job stays running (R15).
 */
export function reapExpired(db: Db, now: number): Promise<{ id: string; profile_id: string }[]> {
  return db.query(
    `UPDATE jobs SET status = 'failed', finished_at = $1,
       status_reason = CASE WHEN status = 'running' THEN 'worker_lost' ELSE 'never_started' END,
       error = CASE WHEN status = 'running'
         THEN 'The worker stopped before finishing (killed or timed out); the job passed its deadline ' || to_char(deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '.'
         ELSE 'No worker started the job before its deadline ' || to_char(deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '.' END,
       duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE GREATEST(0, (extract(epoch FROM ($1::timestamptz - started_at)) * 1000)::int) END
     WHERE status IN ('pending', 'running') AND deadline_at < $1
     RETURNING id::text, profile_id::text`,
    [iso(now)],
  );
}
