import { isKeepaError } from "../../keepa/index.ts";
import type { CutNote, Cuts } from "../pipeline/types.ts";

/** Why a run stopped early but still answers with what it has. */
export type CutReason = "budget" | "deadline" | "keepa_error";

/**
 * Classifies an error thrown mid-run. The budget refusing a request or the deadline being too close cut the run
 * (partial result); so does a failed Keepa call once others were paid for (their data is still shown). Keepa's own
 * 429/402 and non-Keepa errors are rethrown: the guard answers those with the one refusal contract
 * (docs/token-ledger.md#refusal-contract).
 */
export function cutReason(error: unknown): CutReason | undefined {
  if (!isKeepaError(error)) return undefined;
  if (error.kind === "budget_exhausted") return "budget";
  if (error.kind === "timeout" && !error.sent) return "deadline";
  if (error.kind === "not_enough_tokens" || error.kind === "payment_required") return undefined;
  return "keepa_error";
}

/** Records a cut: its note for the answer, and Keepa's failure behind it, if that is what it was. */
export function recordCut(cuts: Cuts, error: unknown, note: Omit<CutNote, "reason" | "keepaError">): boolean {
  const reason = cutReason(error);
  if (!reason) return false;
  const failure = reason === "keepa_error" && isKeepaError(error) ? error : undefined;
  cuts.notes.push({ reason, ...note, ...(failure ? { keepaError: failure.kind } : {}) });
  if (failure) cuts.failures.push(failure);
  return true;
}
