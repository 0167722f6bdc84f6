import { log } from "../../shared/index.ts";
import { currentScoringSettings } from "../../sourcing/index.ts";
import { actionCost } from "../../tokens/index.ts";
import { lockTtlMs, tryLock } from "../../tokens/index.ts";
import { profileLockKey, profileLockToken, webhookDeps } from "../deps.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { planProfile } from "../plan.ts";
import { readDiscovery, readScoring } from "../profile-config.ts";
import { claimJob, finishJob, getJob } from "../store/jobs.ts";
import type { JobOutcome, JobRow } from "../store/jobs.ts";
import { getProfile, getProfileOwner } from "../store/profiles.ts";
import type { ProfileRow } from "../store/profiles.ts";
import { RUN_LIMITS } from "../types.ts";
import type { JobStatus } from "../types.ts";
import { deliverDue, enqueueCompletion } from "../webhooks/completion.ts";
import { executeJob } from "./execute.ts";
import type { JobQuota } from "./execute.ts";
import { errorText, failed, skipped } from "./outcome.ts";

export type RunJobResult =
  | { jobId: string; ran: false; reason: "not_found" | "not_pending" | "claimed_elsewhere"; status: JobStatus | null }
  | { jobId: string; ran: true; status: JobStatus; outcome: JobOutcome };

/** Plans from the profile (cache reads only, 0 tokens), then runs; a bad profile or plan is a failure, not a crash. */
/**
 * Whose tokens the job spends: the profile's owner key, which must still be active and hold tokens:spend; its daily
 * quota bounds the job's reservation. Only in local mode may a profile have no owner.
 */
async function spender(deps: AutosourcingDeps, profile: ProfileRow): Promise<{ quota?: JobQuota } | JobOutcome> {
  if (profile.owner_key_id === null) {
    if (deps.localMode) return {};
    const detail = "The profile has no owner key; save it again with an API key that holds tokens:spend.";
    return failed("owner_missing", detail);
  }
  const owner = await getProfileOwner(deps.db, profile.owner_key_id);
  if (!owner?.active)
    return failed("owner_revoked", "The API key that saved this profile was revoked; nothing was spent.");
  if (!owner.canSpend) {
    return failed("owner_cannot_spend", 'The API key that saved this profile lacks "tokens:spend"; nothing was spent.');
  }
  return owner.dailyTokenQuota === null ? {} : { quota: { apiKeyId: owner.id, dailyLimit: owner.dailyTokenQuota } };
}

async function planAndExecute(deps: AutosourcingDeps, job: JobRow, startedAt: number): Promise<JobOutcome> {
  try {
    const profile = await getProfile(deps.db, job.profile_id);
    if (!profile) return failed("profile_missing", "The profile was deleted before the job ran.");
    const spending = await spender(deps, profile);
    if ("status" in spending) return spending;
    const discovery = readDiscovery(profile.discovery);
    const scoring = readScoring(profile.scoring);
    const budget = actionCost(deps.registry, "auto_sourcing_job").cost;
    // Read fresh at job start: a PUT /api/v1/config is seen by the next job, which records the version it used.
    const settings = await currentScoringSettings(deps.db);
    const prepared = await planProfile(deps.cache, deps.domain, { discovery, scoring }, budget, settings);
    if (!prepared.plan.fits)
      return failed(
        "plan_exceeds_budget",
        `The cheapest useful plan costs ${prepared.plan.minimumCost} tokens; the job budget is ${budget}. ` +
          "Nothing was spent.",
        { plan: prepared.plan },
      );
    return await executeJob(deps, {
      jobId: job.id,
      profileId: profile.id,
      startedAt,
      prepared,
      scoring,
      settings,
      ...spending,
    });
  } catch (error) {
    return failed("error", errorText(error));
  }
}

/** The completion webhook: recorded, then one attempt now; a failure waits for a later scheduler tick. */
export async function notifyCompletion(deps: AutosourcingDeps, jobId: string): Promise<void> {
  const hooks = webhookDeps(deps);
  try {
    const job = await getJob(deps.db, jobId);
    if (!job) return;
    await enqueueCompletion(hooks, job);
    await deliverDue(hooks, { jobId });
  } catch (error) {
    log("warn", "autosourcing completion webhook not recorded", { jobId, error: String(error) });
  }
}

/**
 * The background worker's core, callable without HTTP: one job, start to end. Only a pending job runs; the
 * per-profile lock keeps two jobs of a profile from running at once (the second is skipped until the lock frees).
 */
export async function runJob(jobId: string, deps: AutosourcingDeps): Promise<RunJobResult> {
  const job = await getJob(deps.db, jobId);
  if (!job) return { jobId, ran: false, reason: "not_found", status: null };
  if (job.status !== "pending") return { jobId, ran: false, reason: "not_pending", status: job.status };
  const lockKey = profileLockKey(deps.prefix, job.profile_id);
  const lock = await tryLock(deps.redis, lockKey, RUN_LIMITS.lockMs, profileLockToken(jobId));
  let outcome: JobOutcome;
  if (!lock) {
    const waitMs = await lockTtlMs(deps.redis, lockKey);
    outcome = skipped(
      "profile_busy: another job of this profile is running; this one was not started.",
      deps.now() + waitMs,
    );
    // The lock may be held by another delivery of this very job, which claimed it since we read it: only a job still
    // pending is skipped, never the one running.
    if (!(await finishJob(deps.db, jobId, outcome, deps.now(), "pending")))
      return { jobId, ran: false, reason: "claimed_elsewhere", status: null };
  } else {
    try {
      const startedAt = deps.now();
      if (!(await claimJob(deps.db, jobId, startedAt)))
        return { jobId, ran: false, reason: "claimed_elsewhere", status: null };
      outcome = await planAndExecute(deps, job, startedAt);
      await finishJob(deps.db, jobId, outcome, deps.now(), "running");
    } finally {
      await lock
        .release()
        .catch((error: unknown) => log("warn", "autosourcing lock release failed", { jobId, error: String(error) }));
    }
  }
  log("info", "autosourcing job finished", {
    jobId,
    profileId: job.profile_id,
    status: outcome.status,
    reason: outcome.reason,
    reserved: outcome.tokensReserved,
    spent: outcome.tokensSpent,
    tested: outcome.tested,
    selected: outcome.selected,
  });
  await notifyCompletion(deps, jobId);
  return { jobId, ran: true, status: outcome.status, outcome };
}
