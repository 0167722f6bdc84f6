/**
 * Job lifecycle. pending → running → succeeded | partial | failed | skipped; pending → failed | skipped; skipped →
 * pending (retry).
 */
export const JOB_STATUSES = ["pending", "running", "succeeded", "partial", "skipped", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type FinalStatus = "succeeded" | "partial" | "skipped" | "failed";
export type JobTrigger = "schedule" | "webhook" | "manual";

export const PICK_ACTIONS = ["pending", "to_buy", "favorite", "ignored", "analyzing"] as const;
export type PickAction = (typeof PICK_ACTIONS)[number];

/** Terminal statuses: no worker will touch the job again (skipped may be re-queued by the scheduler). */
export const isFinal = (status: JobStatus): boolean => status !== "pending" && status !== "running";

/** Timing rules of a run, shared by the scheduler, the worker and the reaper. */
export const RUN_LIMITS = {
  /** Netlify stops a background function after 15 min; Keepa calls stop a minute before. */
  workMs: 14 * 60_000,
  /** A running job past this is dead (its worker was killed): the reaper fails it. */
  runningDeadlineMs: 16 * 60_000,
  /**
   * A pending job nobody started within this, after maxDispatches sends, is failed by the reaper (dispatch kept
   * failing).
   */
  pendingDeadlineMs: 30 * 60_000,
  /** The batch reservation outlives the worker, so a lease still open means the worker crashed. */
  leaseMs: 20 * 60_000,
  /** The per-profile lock expires on its own if the worker dies holding it. */
  lockMs: 16 * 60_000,
  /** A pending job dispatched this long ago without starting is sent again by the next tick (ticks run every 5 min). */
  redispatchAfterMs: 5 * 60_000,
  /** Sends of a pending job before the reaper may give it up. */
  maxDispatches: 3,
  /** A pending job this far past its deadline is failed even if it was never sent (nothing could send it). */
  abandonPendingAfterMs: 6 * 60 * 60_000,
  /** Worker starts per job (first run + retries of a skip within its slot). */
  maxAttempts: 3,
} as const;

/**
 * Netlify may fire a tick a little before the hour; counting it into the coming slot keeps 11:59:59.5 from
 * landing in the 11:00 slot (which already ran) and skipping 12:00. The slot arithmetic itself lives in SQL
 * (store/schedule.ts createDueJobs), tested at a boundary in test/autosourcing/scheduler.test.ts.
 */
export const SLOT_GRACE_SECONDS = 120;

/** Epoch ms as the ISO-8601 text Postgres parameters take: the caller's clock, never the database's. */
export const iso = (ms: number): string => new Date(ms).toISOString();
