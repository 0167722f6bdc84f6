import { isKeepaError } from "../../keepa/errors/index.ts";
import type { KeepaMeter } from "../../keepa/types.ts";
import { executeRun } from "../../sourcing/pipeline/run.ts";
import type { PreparedRun, RunResult } from "../../sourcing/pipeline/types.ts";
import { TokenBudget } from "../../tokens/budget.ts";
import type { AutosourcingDeps } from "../deps.ts";
import type { ScoringConfig } from "../profile-config.ts";
import { scoreAndSelect } from "../select.ts";
import { writeResults } from "../store/picks.ts";
import type { WriteProgress } from "../store/picks.ts";
import type { JobOutcome } from "../store/jobs.ts";
import { RUN_LIMITS } from "../types.ts";
import { reserveForJob } from "./reserve.ts";
import { errorText, failed } from "./outcome.ts";
import { closedMeter } from "../../sourcing/pipeline/closed-meter.ts";

export type JobWork = { jobId: string; profileId: string; startedAt: number; prepared: PreparedRun; scoring: ScoringConfig };
type RunOutcome = Omit<JobOutcome, "tokensReserved" | "tokensSpent" | "reservationId">;

const cutText = (run: RunResult): string =>
  run.cuts.map((c) => `${c.reason} at ${c.step}: ${c.detail}`).join("; ").slice(0, 1000) || "stopped by the token budget";

/** discover → details → score → write, on the metered client; the outcome counts what was tested and kept. */
async function runPipeline(deps: AutosourcingDeps, work: JobWork, meter: KeepaMeter, remaining: () => number, written: WriteProgress): Promise<RunOutcome> {
  // The client checks its deadline against the wall clock; what is left of the job's time is taken from the job's.
  const deadline = Date.now() + RUN_LIMITS.workMs - (deps.now() - work.startedAt);
  const keepa = deps.keepa({ meter, deadline: () => deadline });
  const run = await executeRun({ keepa, cache: deps.cache, domain: deps.domain, remaining, now: deps.now }, work.prepared);
  const scored = scoreAndSelect(run.slots.flatMap((s) => s.products), work.scoring);
  await writeResults(deps.db, work.jobId, work.profileId, scored, written);
  const selected = scored.filter((s) => s.selected).length;
  const partial = run.partial;
  return {
    status: partial ? "partial" : "succeeded", reason: partial ? `partial: ${cutText(run)}` : null, retryAt: null,
    tested: scored.length, selected, error: null, plan: work.prepared.plan,
  };
}

/**
 * Runs a claimed job within its reservation: reserve (or skip), spend at most the plan through the budget, and
 * always release in the finally. Never throws for a run failure: it becomes the job's `failed` outcome.
 */
export async function executeJob(deps: AutosourcingDeps, work: JobWork): Promise<JobOutcome> {
  const { plan } = work.prepared;
  // A failure after some batches committed still reports what they hold: those picks exist and were paid for.
  const written: WriteProgress = { tested: 0, selected: 0 };
  if (plan.cost === 0) {
    const result = await runPipeline(deps, work, closedMeter, () => 0, written).catch((error: unknown) => failed("error", errorText(error), { plan, ...written }));
    return { ...result, reservationId: null, tokensReserved: 0, tokensSpent: 0 };
  }
  const reserved = await reserveForJob(deps, work.jobId, plan.cost, plan);
  if (!("allowed" in reserved)) return reserved;
  const budget = new TokenBudget({ ledger: deps.ledger, reservation: reserved, leaseMs: RUN_LIMITS.leaseMs });
  let result: RunOutcome;
  try {
    result = await runPipeline(deps, work, budget, () => budget.remaining, written);
    if (budget.exhausted && result.status === "succeeded") result = { ...result, status: "partial", reason: "partial: stopped by the token budget" };
  } catch (error) {
    const reason = isKeepaError(error) ? `keepa_${error.kind}` : "error";
    result = failed(reason, errorText(error), { plan, ...written });
  } finally {
    await budget.releaseQuietly();
  }
  const summary = budget.summary();
  return { ...result, reservationId: reserved.id, tokensReserved: summary.reserved, tokensSpent: summary.spent };
}
