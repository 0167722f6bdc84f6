import { isKeepaError } from "../../src/keepa/index.ts";
import { sleep } from "../lib/sleep.ts";

/** The wait Keepa asks for does not fit in what is left of the function's time limit. */
export class GaveUpError extends Error {
  override readonly name = "GaveUpError";
  constructor(readonly waitMs: number) {
    super(`Keepa asks for a ${Math.round(waitMs)} ms wait, past the function's time limit`);
  }
}

/**
 * Baseline (c), the popular Python client (akaszynski/keepa `_request`, docs/keepa.md#reactive-clients): no admission
 * at all; send, and on a 429 sleep until Keepa's next refill plus the time the negative balance needs (|tokensLeft| /
 * rate minutes) plus its 1 s fudge, then resend the same request. The function's time limit stops it, not the client.
 */
export async function reactiveRetry<T>(send: () => Promise<T>, deadline: number, on429: () => void): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!isKeepaError(error) || error.kind !== "not_enough_tokens") throw error;
      on429();
      const env = error.envelope ?? {};
      const rate = env.refillRate ?? 1;
      const debtMs = env.tokensLeft !== undefined && env.tokensLeft < 0 ? (-env.tokensLeft / rate) * 60_000 : 0;
      const waitMs = Math.max(0, (env.refillIn ?? 60_000) + 1000) + debtMs;
      if (Date.now() + waitMs > deadline) throw new GaveUpError(waitMs);
      await sleep(waitMs);
    }
  }
}
