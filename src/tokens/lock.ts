import type { Redis } from "@upstash/redis";
import { LedgerUnavailableError } from "./errors.ts";
import { runScript, SCRIPTS } from "./transport.ts";

/** A held lock: release deletes it only while it is still ours (compare-and-delete through the ledger's transport). */
export type Lock = { key: string; token: string; release(): Promise<boolean> };

/**
 * The one lock primitive: SET NX PX with a random owner token. The TTL outlives its holder, so a crashed holder's
 * lock expires by itself; release never deletes a successor's lock. Used by the balance bootstrap and by
 * AutoSourcing's one-job-per-profile rule. A store failure is the ledger being unavailable: callers fail closed.
 */
export async function tryLock(
  redis: Redis,
  key: string,
  ttlMs: number,
  token: string = crypto.randomUUID(),
): Promise<Lock | undefined> {
  let acquired: unknown;
  try {
    acquired = await redis.set(key, token, { nx: true, px: ttlMs });
  } catch (error) {
    throw new LedgerUnavailableError(`ledger store failed taking the lock ${key}`, { cause: error });
  }
  if (acquired !== "OK") return undefined;
  return { key, token, release: () => releaseLock(redis, key, token) };
}

/**
 * Releases a lock held under `token`, by whoever knows the token: its holder, or the reaper of a holder that died
 * (which names its locks after itself). Another holder's lock is left alone. @returns whether it was released
 */
export async function releaseLock(redis: Redis, key: string, token: string): Promise<boolean> {
  const [released] = await runScript(redis, SCRIPTS.unlock, [key], [token], 1);
  return Number(released) === 1;
}

/** How long until a held lock expires (ms); a minute when the store cannot say. */
export async function lockTtlMs(redis: Redis, key: string): Promise<number> {
  const ttl = Number(await redis.pttl(key));
  return Number.isFinite(ttl) && ttl > 0 ? ttl : 60_000;
}
