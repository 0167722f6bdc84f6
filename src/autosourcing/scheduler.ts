import { log } from "../shared/index.ts";
import { releaseLock } from "../tokens/index.ts";
import { profileLockKey, profileLockToken, webhookDeps } from "./deps.ts";
import type { AutosourcingDeps } from "./deps.ts";
import { signedJobRequest } from "./dispatch.ts";
import type { DispatchResult } from "./dispatch.ts";
import { getJob } from "./store/jobs.ts";
import { claimForDispatch, createDueJobs, reapExpired, requeueSkipped } from "./store/schedule.ts";
import { deliverDue, enqueueCompletion } from "./webhooks/completion.ts";
import { analysisTick } from "./analysis/tick.ts";
import type { AnalysisTickSummary } from "./analysis/tick.ts";

export type TickSummary = {
  at: string;
  reaped: string[];
  created: string[];
  requeued: string[];
  dispatched: DispatchResult[];
  webhooks: { delivered: number; failed: number };
  /** Batch analyses resumed, re-queued and handed to their worker (docs/analysis.md); an error never stops jobs. */
  analyses: AnalysisTickSummary | { error: string };
};

/** Reaped jobs are completed jobs too: their webhook says `failed` and why. */
async function enqueueReaped(deps: AutosourcingDeps, ids: readonly string[]): Promise<void> {
  const hooks = webhookDeps(deps);
  for (const id of ids) {
    const job = await getJob(deps.db, id);
    if (job) await enqueueCompletion(hooks, job);
  }
}

/**
 * A worker that died held its profile's lock, which would block the profile until the lock's TTL: the job named the
 * lock after itself, so its reaper frees exactly that lock (never a successor's).
 */
async function freeLostLocks(
  deps: AutosourcingDeps,
  rows: readonly { id: string; profile_id: string; status_reason: string }[],
) {
  for (const row of rows.filter((r) => r.status_reason === "worker_lost")) {
    const key = profileLockKey(deps.prefix, row.profile_id);
    await releaseLock(deps.redis, key, profileLockToken(row.id)).catch((error: unknown) =>
      log("warn", "autosourcing: a lost worker's lock could not be freed", { jobId: row.id, error: String(error) }),
    );
  }
}

/**
 * One scheduler tick (30 s limit, so it never runs a job): reap dead jobs, re-queue skipped jobs whose retry time
 * came, create this slot's jobs idempotently, hand pending jobs to the background worker through signed requests
 * (waiting only for the 202), and retry due completion webhooks.
 */
export async function runScheduler(deps: AutosourcingDeps & { baseUrl: string }): Promise<TickSummary> {
  const now = deps.now();
  const reapedRows = await reapExpired(deps.db, now);
  await freeLostLocks(deps, reapedRows);
  const reaped = reapedRows.map((r) => r.id);
  if (reaped.length > 0) log("warn", "autosourcing reaped jobs past their deadline", { jobs: reaped });
  await enqueueReaped(deps, reaped);
  // Re-queue first: creating the new slot's job first would make the skipped one "older" and block its retry.
  const requeued = (await requeueSkipped(deps.db, now)).map((r) => r.id);
  const created = (await createDueJobs(deps.db, now)).map((r) => r.id);
  // Read before claiming: without a secret nothing is claimed, so the jobs stay ready for the next tick.
  const secret = deps.signingSecret();
  const claimed = await claimForDispatch(deps.db, now);
  const dispatched = await Promise.all(
    claimed.map(async ({ id }) => ({
      jobId: id,
      ...(await deps.dispatch(signedJobRequest(id, { secret, baseUrl: deps.baseUrl, now: deps.now() }))),
    })),
  );
  const webhooks = await deliverDue(webhookDeps(deps));
  const analyses = await analysisTick(deps, secret).catch((error: unknown) => {
    log("warn", "batch analysis tick failed", { error: String(error) });
    return { error: String(error).slice(0, 500) };
  });
  return { at: new Date(now).toISOString(), reaped, created, requeued, dispatched, webhooks, analyses };
}
