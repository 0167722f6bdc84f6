import type { Db } from "../../shared/index.ts";
import { pageOf } from "../cursor.ts";
import type { Keyset } from "../cursor.ts";
import { iso } from "../types.ts";
import { RUN_LIMITS } from "../types.ts";
import type { FinalStatus, JobStatus, JobTrigger } from "../types.ts";

export type JobRow = {
  id: string;
  profile_id: string;
  profile_name: string;
  trigger: JobTrigger;
  slot: string | null;
  status: JobStatus;
  status_reason: string | null;
  retry_at: string | null;
  tokens_reserved: number;
  tokens_spent: number;
  tested_count: number;
  selected_count: number;
  attempts: number;
  /** How many times the job ended (a skip and its retry's end count apart): keys its completion webhooks. */
  finishes: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  deadline_at: string | null;
  duration_ms: number | null;
  error: string | null;
  plan: unknown;
};

/** Columns of a job with its profile's name; ints cast (int8/aggregates arrive as strings), times as ISO text. */
export const JOB_COLUMNS = `j.id::text, j.profile_id::text, p.name AS profile_name, j.trigger, j.slot, j.status,
  j.status_reason, j.retry_at, j.tokens_reserved::int, j.tokens_spent::int, j.tested_count::int, j.selected_count::int,
  j.attempts::int, j.finishes::int, j.created_at, j.started_at, j.finished_at, j.deadline_at, j.duration_ms::int,
  j.error, j.plan`;

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs j JOIN profiles p ON p.id = j.profile_id WHERE j.id = $1`,
    [id],
  );
  return rows[0];
}

export type JobFilter = {
  limit: number;
  status?: JobStatus | undefined;
  profileId?: string | undefined;
  after?: Keyset | undefined;
};

export type TopPick = {
  asin: string;
  title: string | null;
  tier: string;
  roi_percent: number | null;
  recommendation: string;
};
export type JobListRow = JobRow & { top_picks: TopPick[] };

/**
 * One page of jobs, newest first (keyset on created_at, id, both descending), each with its 3 best picks (the
 * dashboard's preview) from one LATERAL subquery, not a query per job.
 */
export async function listJobs(db: Db, filter: JobFilter): Promise<{ rows: JobListRow[]; nextCursor: string | null }> {
  const rows = await db.query<JobListRow & { page_at: string }>(
    `SELECT ${JOB_COLUMNS}, COALESCE(tp.picks, '[]'::jsonb) AS top_picks,
       to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS page_at
     FROM jobs j JOIN profiles p ON p.id = j.profile_id
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('asin', k.asin, 'title', k.title, 'tier', k.tier,
         'roi_percent', k.roi_percent::float8, 'recommendation', k.recommendation)
         ORDER BY k.rank, k.roi_percent DESC NULLS LAST, k.asin) AS picks
       FROM (SELECT k.*, CASE k.tier WHEN 'HOT' THEN 0 WHEN 'TOP' THEN 1 WHEN 'WATCH' THEN 2 ELSE 3 END AS rank
             FROM picks k WHERE k.job_id = j.id
             ORDER BY rank, k.roi_percent DESC NULLS LAST, k.asin LIMIT 3) k
     ) tp ON true
     WHERE ($1::text IS NULL OR j.status = $1) AND ($2::uuid IS NULL OR j.profile_id = $2)
       AND ($4::timestamptz IS NULL OR (j.created_at, j.id) < ($4::timestamptz, $5::uuid))
     ORDER BY j.created_at DESC, j.id DESC LIMIT $3`,
    [
      filter.status ?? null,
      filter.profileId ?? null,
      filter.limit + 1,
      filter.after?.at ?? null,
      filter.after?.id ?? null,
    ],
  );
  return pageOf(rows, filter.limit);
}

/**
 * A job for an explicit trigger (webhook/manual). With an idempotency key the insert is a no-op when the key exists,
 * and the existing job is returned instead: same key → same job.
 */
export async function createTriggeredJob(
  db: Db,
  input: { profileId: string; trigger: JobTrigger; idempotencyKey?: string | undefined; now: number },
): Promise<{ job: JobRow; created: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO jobs (profile_id, trigger, idempotency_key, deadline_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id::text`,
    [input.profileId, input.trigger, input.idempotencyKey ?? null, iso(input.now + RUN_LIMITS.pendingDeadlineMs)],
  );
  const id =
    inserted[0]?.id ??
    (await db.query<{ id: string }>(`SELECT id::text FROM jobs WHERE idempotency_key = $1`, [input.idempotencyKey]))[0]
      ?.id;
  const job = id === undefined ? undefined : await getJob(db, id);
  if (!job) throw new Error("job insert returned no row");
  return { job, created: inserted.length > 0 };
}

/** pending → running, only once (a second delivery of the same job finds it already claimed). */
export async function claimJob(db: Db, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'running', started_at = $2, deadline_at = $3, attempts = attempts + 1,
       status_reason = NULL, retry_at = NULL
     WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, iso(now), iso(now + RUN_LIMITS.runningDeadlineMs)],
  );
  return rows.length > 0;
}

export type JobOutcome = {
  status: FinalStatus;
  reason: string | null;
  retryAt: number | null;
  reservationId: string | null;
  tokensReserved: number;
  tokensSpent: number;
  tested: number;
  selected: number;
  error: string | null;
  plan: unknown;
};

/**
 * Ends a job the worker holds (`from: "running"`) or never started (`from: "pending"`, e.g. its profile was busy),
 * with the profile's bookkeeping in the same transaction. Only the expected status is overwritten: a job the reaper
 * already failed is left alone, and a skip never lands on a job another delivery is running.
 */
export async function finishJob(
  db: Db,
  id: string,
  outcome: JobOutcome,
  now: number,
  from: "pending" | "running",
): Promise<boolean> {
  const finished = iso(now);
  await db.transaction([
    {
      text: `UPDATE jobs SET status = $2, finishes = finishes + 1, status_reason = $3, retry_at = $4,
               reservation_id = $5, tokens_reserved = $6, tokens_spent = $7, tested_count = $8, selected_count = $9,
               error = $10, plan = $11::jsonb, finished_at = $12,
               duration_ms = CASE WHEN started_at IS NULL THEN 0
                 ELSE GREATEST(0, (extract(epoch FROM ($12::timestamptz - started_at)) * 1000)::int) END
             WHERE id = $1 AND status = $13`,
      params: [
        id,
        outcome.status,
        outcome.reason,
        outcome.retryAt === null ? null : iso(outcome.retryAt),
        outcome.reservationId,
        outcome.tokensReserved,
        outcome.tokensSpent,
        outcome.tested,
        outcome.selected,
        outcome.error,
        JSON.stringify(outcome.plan ?? null),
        finished,
        from,
      ],
    },
    {
      text: `UPDATE profiles p SET last_job_id = j.id, last_run_at = j.finished_at, last_status = j.status,
               last_slot = COALESCE(j.slot, p.last_slot),
               run_count = p.run_count + CASE WHEN j.finishes = 1 THEN 1 ELSE 0 END, updated_at = p.updated_at
             FROM jobs j WHERE j.id = $1 AND p.id = j.profile_id AND j.finished_at = $2::timestamptz AND j.status = $3`,
      params: [id, finished, outcome.status],
    },
  ]);
  const rows = await db.query(`SELECT 1 FROM jobs WHERE id = $1 AND finished_at = $2::timestamptz AND status = $3`, [
    id,
    finished,
    outcome.status,
  ]);
  return rows.length > 0;
}

/**
 * Records the job's reservation as soon as it is admitted: if the worker then dies, the reaper can say what the
 * ledger holds against it (a dead holder's lease is charged in full when it expires).
 */
export async function markReserved(db: Db, id: string, reservationId: string, tokens: number): Promise<void> {
  await db.query(`UPDATE jobs SET reservation_id = $2, tokens_reserved = $3 WHERE id = $1 AND status = 'running'`, [
    id,
    reservationId,
    tokens,
  ]);
}
