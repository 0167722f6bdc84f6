import { admit } from "../../tokens/admission.ts";
import { actionCost } from "../../tokens/costs.ts";
import { isLedgerError } from "../../tokens/errors.ts";
import { refusalSentence } from "../../tokens/refusal.ts";
import type { Reservation } from "../../tokens/types.ts";
import type { AutosourcingDeps } from "../deps.ts";
import type { JobOutcome } from "../store/jobs.ts";
import { RUN_LIMITS } from "../types.ts";
import { failed, skipped } from "./outcome.ts";

/** When the store itself is down, try again at a later tick rather than guess a balance. */
const STORE_RETRY_MS = 60_000;

/**
 * Reserves the plan's cost as a batch action (the ledger keeps the interactive floor out of reach). A refusal is the
 * job's outcome: skipped with the ledger's reason, its sentence and the retry time — never run anyway.
 */
export async function reserveForJob(deps: AutosourcingDeps, jobId: string, cost: number, plan: unknown): Promise<Reservation | JobOutcome> {
  const { action, class: tokenClass } = actionCost(deps.registry, "auto_sourcing_job");
  const request = { action, cost, class: tokenClass, leaseMs: RUN_LIMITS.leaseMs, holder: `autosourcing:${jobId}` };
  try {
    const { result } = await admit(deps.ledger, request, () => deps.keepa({}));
    if (result.allowed) return result;
    const reason = `${result.reason}: ${refusalSentence(result)}`;
    // It can never fit this Keepa plan: waiting would not help, so it is a failure with the same explanation.
    if (result.reason === "exceeds_capacity") return failed(result.reason, reason, { plan });
    return skipped(reason, deps.now() + result.retryAfterMs, plan);
  } catch (error) {
    if (!isLedgerError(error)) throw error;
    return skipped("store_unavailable: the token ledger cannot be reached, so no Keepa call was made.", deps.now() + STORE_RETRY_MS, plan);
  }
}
