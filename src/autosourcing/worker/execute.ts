import { isKeepaError } from "../../keepa/index.ts";
import type { KeepaMeter } from "../../keepa/index.ts";
import { closedMeter, executeRun } from "../../sourcing/index.ts";
import type { PreparedRun, RunResult, ScoringSettings } from "../../sourcing/index.ts";
import { actionCost, isLedgerError, refusalSentence, withReservation } from "../../tokens/index.ts";
import type { Denial } from "../../tokens/index.ts";
import type { AutosourcingDeps } from "../deps.ts";
import type { ScoringConfig } from "../profile-config.ts";
import { scoreAndSelect } from "../select.ts";
import { writeResults } from "../store/picks.ts";
import type { WriteProgress } from "../store/picks.ts";
import { markReserved } from "../store/jobs.ts";
import type { JobOutcome } from "../store/jobs.ts";
import { RUN_LIMITS } from "../types.ts";
import { errorText, failed, skipped } from "./outcome.ts";

/** The owner key's daily quota, charged atomically with the job's reservation. */
export type JobQuota = { apiKeyId: string; dailyLimit: number };

export type JobWork = {
  jobId: string;
  profileId: string;
  startedAt: number;
  prepared: PreparedRun;
  scoring: ScoringConfig;
  /** The scoring settings in force when the job started (docs/scoring.md#configuration). @default version 0 */
  settings?: ScoringSettings;
  /** @default none: a profile saved in local mode */
  quota?: JobQuota;
};
type RunOutcome = Omit<JobOutcome, "tokensReserved" | "tokensSpent" | "reservationId">;

/** When the store itself is down, try again at a later tick rather than guess a balance. */
const STORE_RETRY_MS = 60_000;

const cutText = (run: RunResult): string =>
  run.cuts
    .map((c) => `${c.reason} at ${c.step}: ${c.detail}`)
    .join("; ")
    .slice(0, 1000) || "stopped by the token budget";

/** discover → details → score → write, on the metered client; the outcome counts what was tested and kept. */
async function runPipeline(
  deps: AutosourcingDeps,
  work: JobWork,
  meter: KeepaMeter,
  remaining: () => number,
  written: WriteProgress,
): Promise<RunOutcome> {
  // The client checks its deadline against the wall clock; what is left of the job's time is taken from the job's.
  const deadline = Date.now() + RUN_LIMITS.workMs - (deps.now() - work.startedAt);
  const keepa = deps.keepa({ meter, deadline: () => deadline });
  const run = await executeRun(
    { keepa, cache: deps.cache, domain: deps.domain, remaining, now: deps.now },
    work.prepared,
  );
  if (run.outage) throw run.outage;
  const scored = scoreAndSelect(
    run.slots.flatMap((s) => s.products),
    work.scoring,
    run.fetched,
    work.settings,
  );
  await writeResults(deps.db, work.jobId, work.profileId, scored, written);
  const selected = scored.filter((s) => s.selected).length;
  const partial = run.partial;
  return {
    status: partial ? "partial" : "succeeded",
    reason: partial ? `partial: ${cutText(run)}` : null,
    retryAt: null,
    tested: scored.length,
    selected,
    error: null,
    // What the job verified and where its screened products sit in the BSR range, beside what it planned.
    plan: {
      ...work.prepared.plan,
      verified: run.verified,
      spread: run.spread,
      configVersion: work.settings?.version ?? 0,
    },
  };
}

/**
 * A refusal is the job's outcome: skipped with the ledger's reason, its sentence and the retry time — never run
 * anyway. One that can never fit this Keepa plan is a failure with the same explanation: waiting would not help.
 */
function refused(deps: AutosourcingDeps, denial: Denial, plan: unknown): JobOutcome {
  const reason = `${denial.reason}: ${refusalSentence(denial)}`;
  if (denial.reason === "exceeds_capacity") return failed(denial.reason, reason, { plan });
  return skipped(reason, deps.now() + denial.retryAfterMs, plan);
}

/**
 * Runs a claimed job within its reservation: a batch action (the ledger keeps the interactive reserve out of reach),
 * spending at most the plan, always released. Never throws for a run failure: it becomes the job's `failed` outcome.
 */
export async function executeJob(deps: AutosourcingDeps, work: JobWork): Promise<JobOutcome> {
  const { plan } = work.prepared;
  // A failure after some batches committed still reports what they hold: those picks exist and were paid for.
  const written: WriteProgress = { tested: 0, selected: 0 };
  if (plan.cost === 0) {
    const result = await runPipeline(deps, work, closedMeter, () => 0, written).catch((error: unknown) =>
      failed("error", errorText(error), { plan, ...written }),
    );
    return { ...result, reservationId: null, tokensReserved: 0, tokensSpent: 0 };
  }
  const { action, class: tokenClass } = actionCost(deps.registry, "auto_sourcing_job");
  const request = {
    action,
    cost: plan.cost,
    class: tokenClass,
    leaseMs: RUN_LIMITS.leaseMs,
    holder: `autosourcing:${work.jobId}`,
    ...(work.quota ? { quota: work.quota } : {}),
  };
  let spent;
  try {
    spent = await withReservation(
      { ledger: deps.ledger, keepaForSync: () => deps.keepa() },
      request,
      async (budget) => {
        await markReserved(deps.db, work.jobId, budget.reservation.id, budget.reservation.cost);
        return runPipeline(deps, work, budget, () => budget.remaining, written);
      },
    );
  } catch (error) {
    if (!isLedgerError(error)) throw error;
    const reason = "store_unavailable: the token ledger cannot be reached, so no Keepa call was made.";
    return skipped(reason, deps.now() + STORE_RETRY_MS, plan);
  }
  if (spent.reason === "denied") return refused(deps, spent.denial, plan);
  const tokens = {
    reservationId: spent.reservation.id,
    tokensReserved: spent.summary.reserved,
    tokensSpent: spent.summary.spent,
  };
  if (spent.reason === "failed") {
    const reason = isKeepaError(spent.error) ? `keepa_${spent.error.kind}` : "error";
    return { ...failed(reason, errorText(spent.error), { plan, ...written }), ...tokens };
  }
  const result = spent.value;
  if (spent.summary.partial && result.status === "succeeded") {
    return { ...result, status: "partial", reason: "partial: stopped by the token budget", ...tokens };
  }
  return { ...result, ...tokens };
}
