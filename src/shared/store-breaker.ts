import type { Redis } from "@upstash/redis";

/** The store is known to be down on this instance: the call was not even sent. */
export class StoreDownError extends Error {
  override readonly name = "StoreDownError";
  constructor() {
    super("the store failed moments ago on this instance; not retried until its cool-down ends");
  }
}

/**
 * A transport failure (no answer in time, no connection), as opposed to Redis answering with an error reply
 * (NOSCRIPT, WRONGTYPE), which says the store is up.
 */
function isTransportFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "AbortError" || error.name === "TimeoutError") return true;
  return error instanceof TypeError && /fetch failed|network|socket/i.test(error.message);
}

/** Any failure of the Redis client itself: the store is down, slow, or answered with an error (not our bug). */
export function isStoreFailure(error: unknown): boolean {
  if (error instanceof StoreDownError || isTransportFailure(error)) return true;
  return error instanceof Error && /^Upstash/.test(error.name);
}

/**
 * A per-instance breaker in front of Redis. After one transport failure every call fails at once for `cooldownMs`,
 * then one call is let through to probe. A frozen store therefore costs a request one timeout, not one per call,
 * and a brown-out cannot turn every request into a slow fallback elsewhere (docs/token-ledger.md#fail-closed).
 */
export class StoreBreaker {
  private openUntil = 0;

  constructor(
    private readonly cooldownMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get open(): boolean {
    return this.now() < this.openUntil;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.open) throw new StoreDownError();
    try {
      return await call();
    } catch (error) {
      if (isTransportFailure(error)) this.openUntil = this.now() + this.cooldownMs;
      throw error;
    }
  }
}

const PIPELINES = new Set(["pipeline", "multi", "autoPipeline"]);

/** The client with every command, and every pipeline's exec, run through the breaker: one choke point for all uses. */
export function guardedRedis(redis: Redis, breaker: StoreBreaker): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (PIPELINES.has(String(property))) {
        return (...args: unknown[]) =>
          guardedPipeline((value as (...a: unknown[]) => object).apply(target, args), breaker);
      }
      return (...args: unknown[]) =>
        breaker.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

function guardedPipeline<P extends object>(pipeline: P, breaker: StoreBreaker): P {
  return new Proxy(pipeline, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "exec" || typeof value !== "function") return value;
      return (...args: unknown[]) =>
        breaker.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}
