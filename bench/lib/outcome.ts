import { isKeepaError } from "../../src/keepa/index.ts";
import { GaveUpError } from "../baselines/reactive-retry.ts";

/**
 * What became of one invocation. ok: the work ran to the end. refused: the design said no before any Keepa call.
 * upstream_429: admitted, but Keepa refused part of the work. gave_up: waited for tokens until the function's time
 * limit. error: anything else (a bug signal).
 */
export type OutcomeKind = "ok" | "refused" | "upstream_429" | "gave_up" | "error";
export type Outcome = { kind: OutcomeKind; ms: number; detail?: string };

export function failureOutcome(error: unknown, started: number): Outcome {
  const ms = Date.now() - started;
  if (error instanceof GaveUpError) return { kind: "gave_up", ms };
  if (isKeepaError(error) && error.kind === "not_enough_tokens") return { kind: "upstream_429", ms };
  return { kind: "error", ms, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

export type Verdict = OutcomeKind | { kind: OutcomeKind; detail: string };

export async function timed(work: () => Promise<Verdict>): Promise<Outcome> {
  const started = Date.now();
  try {
    const verdict = await work();
    return typeof verdict === "string"
      ? { kind: verdict, ms: Date.now() - started }
      : { ...verdict, ms: Date.now() - started };
  } catch (error) {
    return failureOutcome(error, started);
  }
}
