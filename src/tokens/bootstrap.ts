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
  const lock = await takeLock(options.ledger, options.lockMs ?? 5000);
  if (lock) return syncFromKeepa(options, lock);
  return waitForSync(options, options.notBefore ?? (await storedSyncTime(options.ledger)) + 1);
}

const storedSyncTime = async (ledger: TokenLedger): Promise<number> => (await ledger.status()).syncedAt ?? -Infinity;

/** Lock releases of this instance still under way, per lock key (see syncFromKeepa). */
const releasing = new Map<string, Promise<unknown>>();

/** The bootstrap lock, once this instance's own previous release has landed (it must not find its own lock). */
async function takeLock(ledger: TokenLedger, ttlMs: number): Promise<Lock | undefined> {
  const key = ledger.keys.bootstrapLock;
  await releasing.get(key);
  return tryLock(ledger.redis, key, ttlMs);
}

async function syncFromKeepa(options: BootstrapOptions, lock: Lock): Promise<BootstrapOutcome> {
  let synced = false;
  try {
    const status = await options.keepa.tokenStatus();
    const snapshot = snapshotOf(status.envelope, status.receivedAt);
    if (!snapshot) return "failed";
    await options.ledger.sync(snapshot);
    synced = true;
    return "synced";
  } catch (error) {
    if (error instanceof LedgerUnavailableError) throw error;
    return "failed";
  } finally {
    // Compare-and-delete: the lock may have expired and passed to another instance meanwhile. After a sync the
    // callers waiting on it go ahead at once (they need the balance, not the lock gone: one round trip less while
    // the other instances' arrivals are admitted); if the release never lands its 5 s TTL ends the lock, as a
    // crashed holder's does.
    const release = lock.release().catch(() => false);
    if (synced) {
      releasing.set(lock.key, release);
      void release.finally(() => releasing.get(lock.key) === release && releasing.delete(lock.key));
    } else await release;
  }
}

/**
 * Waits for the lock holder's sync to land: one at or after `notBefore`, not merely "known" (the state may be known
 * yet stale, which is exactly why this caller was refused). An admission in this instance that proves the state
 * usable ends the wait at once (see `wakeFollowers`): the holder may be another instance, whose sync this one would
 * otherwise notice only at its next poll, while its own later arrivals are already being admitted ahead of it.
 */
async function waitForSync(options: BootstrapOptions, notBefore: number): Promise<BootstrapOutcome> {
  // Monotonic time: a wall clock that jumps (or is faked) must not stretch or cut the wait.
  const deadline = performance.now() + (options.waitMs ?? 1500);
  const key = options.ledger.keys.bootstrapLock;
  for (;;) {
    const since = performance.now();
    const status = await options.ledger.status();
    if (status.known && !status.needsResync && status.syncedAt !== null && status.syncedAt >= notBefore)
      return "waited";
    if (performance.now() >= deadline) return "failed";
    // Jittered, so the followers of many instances do not poll in lockstep.
    if (await pause(key, since, 200 + Math.random() * 100)) return "waited";
  }
}

type Waiter = { since: number; wake: () => void };
/** Followers waiting in this instance, per ledger: woken early by an admission that found the state usable. */
const waiters = new Map<string, Set<Waiter>>();

/** Sleeps `ms`; resolves true instead when an admission sent after `since` proved the state usable. */
function pause(key: string, since: number, ms: number): Promise<boolean> {
  const set = waiters.get(key) ?? new Set<Waiter>();
  waiters.set(key, set);
  return new Promise((resolve) => {
    const done = (woken: boolean) => {
      clearTimeout(timer);
      set.delete(waiter);
      if (set.size === 0 && waiters.get(key) === set) waiters.delete(key);
      resolve(woken);
    };
    const waiter: Waiter = { since, wake: () => done(true) };
    const timer = setTimeout(() => done(false), ms);
    set.add(waiter);
  });
}

/**
 * A reserve answered from a confirmed, fresh state (admitted without a refresh, or refused for lack of tokens,
 * which the script only says once the state is known, fresh and confirmed): the sync a follower waits for has landed.
 * Only followers that started waiting before that reserve was sent count it — the scripts run one at a time, so its
 * answer describes a state at least as new as the one the follower was refused on.
 */
function wakeFollowers(key: string, sentAt: number, result: ReserveResult): void {
  const confirmed = result.allowed
    ? !result.refresh
    : result.reason === "insufficient" || result.reason === "class_floor";
  const set = waiters.get(key);
  if (!confirmed || !set) return;
  for (const waiter of [...set]) if (waiter.since < sentAt) waiter.wake();
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
  const first = await reserveAndWake(ledger, request, options);
  if (first.allowed && first.refresh) refreshLater(ledger, keepaForSync, options.background);
  if (!needsSync(first)) return { result: first, bootstrap: "not_needed" };
  const bootstrap = await bootstrapLedger({ ledger, keepa: keepaForSync(), notBefore: askedAt });
  if (bootstrap === "failed") return { result: first, bootstrap };
  return { result: await reserveAndWake(ledger, request, options), bootstrap };
}

/** One reserve; an answer from a confirmed state also ends this instance's waits for a sync (`wakeFollowers`). */
async function reserveAndWake(ledger: TokenLedger, request: ReserveRequest, options: AdmitOptions) {
  const sentAt = performance.now();
  const result = await ledger.reserve(request, options.dryRun ? { dryRun: true } : {});
  wakeFollowers(ledger.keys.bootstrapLock, sentAt, result);
  return result;
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
    const lock = await takeLock(ledger, 5000);
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
  // What the platform keeps the instance alive for includes the lock's release, which a sync leaves to land after
  // it (syncFromKeepa): frozen before it, the instance would hold the lock to its TTL with no caller to gain.
  const untilReleased = () => run().finally(() => releasing.get(key));
  if (background) background(untilReleased);
  else void untilReleased();
}
