import type { AttemptResult, KeepaCall, KeepaReply, TransportContext } from "./transport.ts";
import { attemptOnce } from "./transport.ts";

export type RetryContext = TransportContext & {
  retryLimit: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

const MAX_BACKOFF_MS = 10_000;

/** Exponential backoff with "equal jitter": somewhere in [50 %, 100 %] of `base · 2^(retry−1)`, capped. */
export function backoffDelay(retry: number, baseDelayMs: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fitsDeadline(ctx: RetryContext, call: KeepaCall<unknown>, waitMs: number): boolean {
  const deadline = ctx.deadline();
  return deadline === undefined || ctx.now() + waitMs + ctx.timeouts[call.timeoutClass] <= deadline;
}

/**
 * Send `call`, resending only what provably cost nothing (see `AttemptResult.retryable`):
 * never 429 (waiting for tokens is the ledger's job), never 4xx, never a timeout or a dropped connection.
 */
export async function sendWithRetry<T>(ctx: RetryContext, call: KeepaCall<T>): Promise<KeepaReply<T>> {
  for (let retry = 0; ; retry += 1) {
    const result: AttemptResult<T> = await attemptOnce(ctx, call);
    if (result.ok) return result.reply;
    if (!result.retryable || retry >= ctx.retryLimit) throw result.error;
    const waitMs = backoffDelay(retry + 1, ctx.baseDelayMs, ctx.random);
    if (!fitsDeadline(ctx, call as KeepaCall<unknown>, waitMs)) throw result.error;
    await ctx.sleep(waitMs);
  }
}
