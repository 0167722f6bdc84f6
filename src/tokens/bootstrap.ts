import type { KeepaClient } from "../keepa/index.ts";
import { LedgerUnavailableError } from "./errors.ts";
import type { TokenLedger } from "./ledger.ts";
import { tryLock } from "./lock.ts";
import type { Lock } from "./lock.ts";
import { snapshotOf } from "./types.ts";
import type { ReserveRequest, ReserveResult } from "./types.ts";

export type BootstrapOutcome = "synced" | "waited" | "failed";

export type BootstrapOptions = {
  ledger: TokenLedger;
  /** A client with no meter: /token is free and must not touch a budget. */
  keepa: Pick<KeepaClient, "tokenStatus">;
  /** How long the lock holder may take. @default 5000 */
  lockMs?: number;
  /** How long a follower waits for the holder's sync. @default 1500 */
  waitMs?: number;
  /**
   * Ledger time from which a sync counts: when the caller found the state unusable. The holder may sync before a
   * follower even finds the lock taken, and that sync is the one the follower needs.
   * @default the stored sync time when the lock is found taken (only a newer sync counts)
   */
  notBefore?: number;
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
  const lock = await tryLock(options.ledger.redis, options.ledger.keys.bootstrapLock, options.lockMs ?? 5000);
  if (lock) return syncFromKeepa(options, lock);
  return waitForSync(options, options.notBefore ?? (await storedSyncTime(options.ledger)) + 1);
}

const storedSyncTime = async (ledger: TokenLedger): Promise<number> => (await ledger.status()).syncedAt ?? -Infinity;

async function syncFromKeepa(options: BootstrapOptions, lock: Lock): Promise<BootstrapOutcome> {
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
    await lock.release().catch(() => undefined);
  }
}

/**
 * Waits for the lock holder's sync to land: one at or after `notBefore`, not merely "known" (the state may be known
 * yet stale, which is exactly why this caller was refused).
 */
async function waitForSync(options: BootstrapOptions, notBefore: number): Promise<BootstrapOutcome> {
  // Monotonic time: a wall clock that jumps (or is faked) must not stretch or cut the wait.
  const deadline = performance.now() + (options.waitMs ?? 1500);
  for (;;) {
    const status = await options.ledger.status();
    if (status.known && !status.needsResync && status.syncedAt !== null && status.syncedAt >= notBefore)
      return "waited";
    if (performance.now() >= deadline) return "failed";
    // Jittered, so the followers of many instances do not poll in lockstep.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 100));
  }
}

export type AdmitOutcome = {
  result: ReserveResult;
  /** Whether the balance had to be learned first, and how that went (logged: a 503 `stale` says why). */
  bootstrap: BootstrapOutcome | "not_needed";
};

const needsSync = (result: ReserveResult) =>
  !result.allowed && (result.reason === "state_unknown" || result.reason === "stale");

/**
 * reserve, and when the ledger does not know the balance (first deploy, flushed store, stale, crashed lease),
 * learn it once for free through the single-flight /token bootstrap and try exactly once more.
 */
export async function admit(
  ledger: TokenLedger,
  request: ReserveRequest,
  keepaForSync: () => Pick<KeepaClient, "tokenStatus">,
  options: AdmitOptions = {},
): Promise<AdmitOutcome> {
  const askedAt = ledger.now();
  const first = await ledger.reserve(request, options.dryRun ? { dryRun: true } : {});
  if (first.allowed && first.refresh) refreshLater(ledger, keepaForSync, options.background);
  if (!needsSync(first)) return { result: first, bootstrap: "not_needed" };
  const bootstrap = await bootstrapLedger({ ledger, keepa: keepaForSync(), notBefore: askedAt });
  if (bootstrap === "failed") return { result: first, bootstrap };
  return { result: await ledger.reserve(request, options.dryRun ? { dryRun: true } : {}), bootstrap };
}

export type AdmitOptions = {
  /** Answer whether the action would be admitted now, holding nothing. @default false */
  dryRun?: boolean;
  /**
   * Runs work that must not delay the caller (Netlify's waitUntil): the balance refresh an admission against the
   * confirmed balance asks for. @default started and not awaited
   */
  background?: (task: () => Promise<unknown>) => void;
};

/**
 * After a refill tick Keepa has not confirmed, the admission counted only the confirmed balance: learn the new one
 * through the free /token off the request's path, once — a lock across instances, one attempt per instance; whoever
 * finds the lock taken leaves it to its holder (no waiting, no polling).
 */
function refreshLater(
  ledger: TokenLedger,
  keepaForSync: () => Pick<KeepaClient, "tokenStatus">,
  background: AdmitOptions["background"],
): void {
  const key = ledger.keys.bootstrapLock;
  const refresh = async (): Promise<BootstrapOutcome> => {
    const lock = await tryLock(ledger.redis, key, 5000);
    return lock ? syncFromKeepa({ ledger, keepa: keepaForSync() }, lock) : "waited";
  };
  // Started when the platform runs it (after the response), sharing any attempt already under way.
  const run = () => {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const attempt = refresh()
      .catch((): BootstrapOutcome => "failed")
      .finally(() => inFlight.delete(key));
    inFlight.set(key, attempt);
    return attempt;
  };
  if (background) background(run);
  else void run();
}
