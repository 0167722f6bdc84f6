import type { Db } from "../../shared/index.ts";
import { SLOT_GRACE_SECONDS } from "../types.ts";
import { iso } from "../types.ts";
import { RUN_LIMITS } from "../types.ts";
import { lastRunAtOrBefore, readSchedule } from "../recurrence.ts";

/** How late a tick may come and still create a written schedule's run (two missed 5-minute ticks). */
export const SCHEDULE_LATE_SECONDS = 10 * 60;

/**
 * One job per active profile for its current slot (see slots.ts). The unique index on (profile_id, slot) makes a
 * second tick in the same slot — or two ticks at once — insert nothing. A profile with a job still open (a retried
 * skip, a webhook run) gets its slot's job at a later tick of the slot instead of a second job fighting for the lock.
 */
export async function createDueJobs(db: Db, now: number): Promise<{ id: string; profile_id: string }[]> {
  return [...(await createMinuteJobs(db, now)), ...(await createScheduledJobs(db, now))];
}

/**
 * Profiles with a written schedule: the slot is the run's UTC instant, computed here from the schedule (the last
 * run ≤ now + SLOT_GRACE_SECONDS, so a tick just early counts), and due while now ≤ slot + SCHEDULE_LATE_SECONDS.
 * A paused profile or a skip date has no run, so no job. Inserted with the same unique index as every slot.
 */
async function createScheduledJobs(db: Db, now: number): Promise<{ id: string; profile_id: string }[]> {
  const rows = await db.query<{ id: string; schedule: unknown }>(
    `SELECT p.id::text, p.schedule FROM profiles p WHERE p.active AND p.schedule IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.profile_id = p.id AND o.status IN ('pending', 'running'))`,
  );
  const due = rows.flatMap((row) => {
    const schedule = readSchedule(row.schedule);
    const slot = schedule ? lastRunAtOrBefore(schedule, now + SLOT_GRACE_SECONDS * 1000) : null;
    return slot !== null && now <= slot + SCHEDULE_LATE_SECONDS * 1000 ? [{ id: row.id, slot: iso(slot) }] : [];
  });
  if (due.length === 0) return [];
  return db.query(
    `INSERT INTO jobs (profile_id, slot, trigger, deadline_at)
     SELECT d.profile_id, d.slot, 'schedule', $3
     FROM unnest($1::uuid[], $2::timestamptz[]) AS d(profile_id, slot)
     ON CONFLICT (profile_id, slot) WHERE slot IS NOT NULL DO NOTHING
     RETURNING id::text, profile_id::text`,
    [due.map((d) => d.id), due.map((d) => d.slot), iso(now + RUN_LIMITS.pendingDeadlineMs)],
  );
}

/** Profiles on scheduleMinutes: slots are epoch multiples of it (UTC), computed in SQL. */
function createMinuteJobs(db: Db, now: number): Promise<{ id: string; profile_id: string }[]> {
  return db.query(
    `INSERT INTO jobs (profile_id, slot, trigger, deadline_at)
     SELECT p.id,
       to_timestamp(
         floor((extract(epoch FROM $1::timestamptz) + $2) / (p.schedule_minutes * 60)) * p.schedule_minutes * 60),
       'schedule', $3
     FROM profiles p WHERE p.active AND p.schedule IS NULL
       AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.profile_id = p.id AND o.status IN ('pending', 'running'))
     ON CONFLICT (profile_id, slot) WHERE slot IS NOT NULL DO NOTHING
     RETURNING id::text, profile_id::text, status_reason`,
    [iso(now), SLOT_GRACE_SECONDS, iso(now + RUN_LIMITS.pendingDeadlineMs)],
  );
}

/**
 * A skipped job whose retry time has come goes back to pending, unless a newer job of its profile exists. Runs
 * before createDueJobs in a tick, so a due retry is not blocked by the job of a slot that began meanwhile. Its
 * dispatch count starts again: the retry gets the same number of sends as a new job.
 */
export function requeueSkipped(db: Db, now: number): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE jobs j SET status = 'pending', retry_at = NULL, dispatched_at = NULL, dispatch_count = 0,
       finished_at = NULL, duration_ms = NULL,
       status_reason = 'retrying after: ' || COALESCE(j.status_reason, 'skip'), deadline_at = $2
     WHERE j.status = 'skipped' AND j.retry_at <= $1 AND j.attempts < $3
       AND NOT EXISTS (SELECT 1 FROM jobs newer
                       WHERE newer.profile_id = j.profile_id AND newer.created_at > j.created_at)
     RETURNING j.id::text`,
    [iso(now), iso(now + RUN_LIMITS.pendingDeadlineMs), RUN_LIMITS.maxAttempts],
  );
}

/**
 * Claims pending jobs to hand to the worker: never sent, or sent long ago without starting, up to maxDispatches
 * sends. The count, not the clock, bounds it: a tick that came late (a missed run) still sends the job again. The
 * row update is the claim, so two overlapping ticks never send the same job twice in one window.
 */
export function claimForDispatch(db: Db, now: number, limit = 50): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE jobs SET dispatched_at = $1, dispatch_count = dispatch_count + 1
     WHERE id IN (
       SELECT id FROM jobs
       WHERE status = 'pending' AND (dispatched_at IS NULL OR dispatched_at < $2) AND dispatch_count < $4
       ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id::text`,
    [iso(now), iso(now - RUN_LIMITS.redispatchAfterMs), limit, RUN_LIMITS.maxDispatches],
  );
}

/**
 * The reaper: an open job past its deadline is dead (worker killed, or never started), so it ends `failed` with the
 * reason and its duration — no job stays running. A pending job is dead only once its sends are used up and
 * the last had time to start (past its deadline alone it may just have waited for a late tick), or once it is so far
 * past it that no send will ever come (no signing secret).
 */
export function reapExpired(db: Db, now: number): Promise<{ id: string; profile_id: string; status_reason: string }[]> {
  return db.query(
    `UPDATE jobs SET status = 'failed', finished_at = $1, finishes = finishes + 1,
       status_reason = CASE WHEN status = 'running' THEN 'worker_lost' ELSE 'never_started' END,
       tokens_spent = CASE WHEN status = 'running' THEN tokens_reserved ELSE tokens_spent END,
       error = CASE WHEN status = 'running'
         THEN 'The worker stopped before finishing (killed or timed out); the job passed its deadline '
           || to_char(deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           || '. Its reservation of ' || tokens_reserved || ' tokens is counted as spent: the ledger charges a dead '
           || 'holder''s lease in full.'
         ELSE 'No worker started the job before its deadline '
           || to_char(deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '.' END,
       duration_ms = CASE WHEN started_at IS NULL THEN NULL
         ELSE GREATEST(0, (extract(epoch FROM ($1::timestamptz - started_at)) * 1000)::int) END
     WHERE deadline_at < $1 AND (status = 'running'
       OR (status = 'pending'
           AND ((dispatch_count >= $2 AND (dispatched_at IS NULL OR dispatched_at < $3)) OR deadline_at < $4)))
     RETURNING id::text, profile_id::text, status_reason`,
    [
      iso(now),
      RUN_LIMITS.maxDispatches,
      iso(now - RUN_LIMITS.redispatchAfterMs),
      iso(now - RUN_LIMITS.abandonPendingAfterMs),
    ],
  );
}

/** Marks one pending job as handed to the worker (the same claim the scheduler makes), true if this call claimed it. */
export async function markDispatched(db: Db, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET dispatched_at = $2, dispatch_count = dispatch_count + 1
     WHERE id = $1 AND status = 'pending' AND dispatched_at IS NULL RETURNING id`,
    [id, new Date(now).toISOString()],
  );
  return rows.length > 0;
}
