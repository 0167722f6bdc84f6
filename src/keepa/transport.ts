import type { KeepaHttp } from "./http.ts";
import type { KeepaError } from "./errors/keepa-error.ts";
import { deadlineRefusal, transportFailure } from "./failure.ts";
import { interpretResponse } from "./interpret.ts";
import type { InterpretContext } from "./interpret.ts";
import type { KeepaEndpoint, KeepaExchange, KeepaMeter, KeepaTimeoutClass, TokenEnvelope } from "./types.ts";

/** One logical request; `sendWithRetry` may send it more than once. */
export type KeepaCall<T> = Omit<InterpretContext<T>, "apiKey"> & {
  endpoint: KeepaEndpoint;
  path: string;
  /** Query parameters, without the key. */
  params: Record<string, string>;
  estimate: number;
  timeoutClass: KeepaTimeoutClass;
};

export type KeepaReply<T> = { payload: T; envelope: TokenEnvelope; receivedAt: number; status: number };

export type TransportContext = {
  http: KeepaHttp;
  apiKey: string;
  meter?: KeepaMeter;
  now: () => number;
  deadline: () => number | undefined;
  timeouts: Record<KeepaTimeoutClass, number>;
};

export type AttemptResult<T> =
  { ok: true; reply: KeepaReply<T> } | { ok: false; error: KeepaError; retryable: boolean };

type Exchanged<T> = { exchange: KeepaExchange; result: AttemptResult<T> };

const TIMEOUT = Symbol("keepa-timeout");

/** Send once and read the whole body under one timer; every outcome becomes an exchange, nothing throws. */
async function exchangeOnce<T>(ctx: TransportContext, call: KeepaCall<T>, timeoutMs: number): Promise<Exchanged<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), timeoutMs);
  const { endpoint, estimate } = call;
  try {
    const searchParams = new URLSearchParams({ key: ctx.apiKey, ...call.params });
    const response = await ctx.http.get(call.path, { searchParams, signal: controller.signal });
    const receivedAt = ctx.now();
    const text = await response.text();
    const seen = interpretResponse(response.status, text, { ...call, apiKey: ctx.apiKey });
    const exchange: KeepaExchange = {
      endpoint,
      estimate,
      status: response.status,
      receivedAt,
      maybeCharged: seen.maybeCharged,
      ...(seen.envelope ? { envelope: seen.envelope } : {}),
      ...(seen.ok ? {} : { error: seen.error }),
    };
    const result: AttemptResult<T> = seen.ok
      ? {
          ok: true,
          reply: { payload: seen.payload, envelope: seen.envelope ?? {}, receivedAt, status: response.status },
        }
      : { ok: false, error: seen.error, retryable: seen.retryable };
    return { exchange, result };
  } catch (thrown) {
    const timedOut = controller.signal.aborted && controller.signal.reason === TIMEOUT;
    const error = transportFailure(thrown, { endpoint, timedOut, timeoutMs, apiKey: ctx.apiKey });
    const exchange: KeepaExchange = {
      endpoint,
      estimate,
      receivedAt: ctx.now(),
      maybeCharged: error.maybeCharged,
      error,
    };
    return { exchange, result: { ok: false, error, retryable: !error.sent } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One attempt: deadline check → `meter.admit` → HTTP exchange → `meter.settle` (exactly once per admitted attempt).
 * A deadline refusal or an `admit` rejection throws before anything is sent, and `settle` is not called.
 * An error thrown by `settle` propagates as is: a ledger out of sync must be loud, even if the response was fine.
 */
export async function attemptOnce<T>(ctx: TransportContext, call: KeepaCall<T>): Promise<AttemptResult<T>> {
  const timeoutMs = ctx.timeouts[call.timeoutClass];
  const deadline = ctx.deadline();
  if (deadline !== undefined && ctx.now() + timeoutMs > deadline) {
    throw deadlineRefusal(call.endpoint, timeoutMs, deadline - ctx.now());
  }
  await ctx.meter?.admit({ endpoint: call.endpoint, estimate: call.estimate });
  const { exchange, result } = await exchangeOnce(ctx, call, timeoutMs);
  await ctx.meter?.settle(exchange);
  return result;
}
