import type { Redis } from "@upstash/redis";
import type { KeepaClient } from "../keepa/client.ts";
import { LedgerUnavailableError } from "./errors.ts";
import { SCRIPTS } from "./scripts.ts";
import { runScript } from "./transport.ts";
import type { TokenLedger } from "./ledger.ts";
import { snapshotOf } from "./snapshot.ts";

export type BootstrapOutcome = "synced" | "waited" | "failed";

export type BootstrapOptions = {
  redis: Redis;
  ledger: TokenLedger;
  /** A client with no meter: /token is free and must not touch a budget. */
  keepa: Pick<KeepaClient, "tokenStatus">;
  /** How long the lock holder may take. @default 5000 */
  lockMs?: number;
  /** How long a follower waits for the holder's sync. @default 1500 */
  waitMs?: number;
};

/**
 * Learns the balance for free when the ledger has none or an old one: exactly one instance (a Redis lock) calls
 * Keepa's /token and syncs; the others wait briefly for it. Never spends a token, never polls /token in a loop.
 */
export function bootstrapLedger(options: BootstrapOptions): Promise<BootstrapOutcome> {
  // Concurrent requests in one warm instance share one attempt: a burst must not turn into a storm of lock
  // attempts and status polls against Redis.
  const key = options.ledger.keys.bootstrapLock;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const attempt = bootstrapOnce(options).finally(() => inFlight.delete(key));
  inFlight.set(key, attempt);
  return attempt;
}

const inFlight = new Map<string, Promise<BootstrapOutcome>>();

async function bootstrapOnce(options: BootstrapOptions): Promise<BootstrapOutcome> {
  const lockKey = options.ledger.keys.bootstrapLock;
  const owner = crypto.randomUUID();
  let acquired: unknown;
  try {
    acquired = await options.redis.set(lockKey, owner, { nx: true, px: options.lockMs ?? 5000 });
  } catch (error) {
    throw new LedgerUnavailableError("ledger store failed taking the bootstrap lock", { cause: error });
  }
  if (acquired === "OK") return syncFromKeepa(options, lockKey, owner);
  return waitForSync(options, (await options.ledger.status()).syncedAt);
}

async function syncFromKeepa(options: BootstrapOptions, lockKey: string, owner: string): Promise<BootstrapOutcome> {
  try {
    const status = await options.keepa.tokenStatus();
    const snapshot = snapshotOf(status.envelope, status.receivedAt);
    if (!snapshot) return "failed";
    await options.ledger.sync(snapshot);
    return "synced";
  } catch (error) {
    if (error instanceof LedgerUnavailableError) throw error;
    return "failed";
  } finally {
    // Compare-and-delete: the lock may have expired and passed to another instance meanwhile.
    await runScript(options.redis, SCRIPTS.unlock, [lockKey], [owner], 1).catch(() => undefined);
  }
}

/**
 * Waits for the lock holder's sync to land: a newer syncedAt, not merely "known" (the state may be known yet stale,
 * which is exactly why this caller was refused).
 */
async function waitForSync(options: BootstrapOptions, syncedBefore: number | null): Promise<BootstrapOutcome> {
  // Monotonic time: a wall clock that jumps (or is faked) must not stretch or cut the wait.
  const deadline = performance.now() + (options.waitMs ?? 1500);
  while (performance.now() < deadline) {
    // Jittered, so the followers of many instances do not poll in lockstep.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 100));
    const status = await options.ledger.status();
    if (status.known && !status.needsResync && status.syncedAt !== syncedBefore) return "waited";
  }
  return "failed";
}
