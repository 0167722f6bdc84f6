import type { Redis } from "@upstash/redis";
import type { TokenClass } from "./costs.ts";
import { LedgerCorruptError, LedgerUnavailableError } from "./errors.ts";
import type { LostReservation } from "./errors.ts";
import { SCRIPTS } from "./transport.ts";
import { runScript } from "./transport.ts";
import type { ScriptArg } from "./transport.ts";
import { DENIAL_REASONS } from "./types.ts";
import type {
  ChargeInput,
  Denial,
  DenialReason,
  KeepaSnapshot,
  LedgerStatus,
  OpenReservation,
  ReserveRequest,
  ReserveResult,
  SettleResult,
} from "./types.ts";

/** Every Redis key of the ledger, under one per-deployment prefix. */
export type LedgerKeys = {
  state: string;
  leases: string;
  reservations: string;
  chargeLog(reservationId: string): string;
  quota(apiKeyId: string, day: string): string;
  bootstrapLock: string;
};

export function ledgerKeys(prefix: string): LedgerKeys {
  const base = `${prefix}:tokens`;
  return {
    state: `${base}:state`,
    leases: `${base}:leases`,
    reservations: `${base}:reservations`,
    chargeLog: (id) => `${base}:charges:${id}`,
    quota: (apiKeyId, day) => `${prefix}:quota:${apiKeyId}:${day}`,
    bootstrapLock: `${base}:bootstrap-lock`,
  };
}

export type LedgerOptions = {
  redis: Redis;
  /** Per-deployment key prefix. */
  prefix: string;
  /** Caller clock; the scripts never let it run backwards. @default Date.now */
  now?: () => number;
  /** Tokens interactive actions leave untouched. @default 10 */
  interactiveFloor?: number;
  /** Share of capacity batch actions leave for interactive users. @default 0.25 */
  batchReserveFraction?: number;
  /** A snapshot older than this is not trusted for admission. @default 300_000 */
  staleAfterMs?: number;
  /** Added to a breaker block, against clock skew and Keepa's tick jitter. @default 250 */
  breakerMarginMs?: number;
  /** Open reservations listed by status(). @default 100 */
  statusLimit?: number;
  /**
   * Spend refills the ledger projected but Keepa has not confirmed yet. Off, a refill tick since the last snapshot
   * makes the state stale and the guard learns the balance through the free /token (at most once per tick), so a
   * burst can never race an outside consumer of the same key into several upstream 429s. After a breaker trip
   * projections are distrusted for an hour either way.
   * @default false
   */
  trustProjectedRefills?: boolean;
};

const KNOWN_REASONS = new Set<string>(DENIAL_REASONS);

const toNumber = (value: string | number | undefined): number => {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) throw new LedgerCorruptError(`non-numeric ledger value ${String(value)}`);
  return n;
};
const orNull = (value: string | number | undefined): number | null =>
  value === "" || value === undefined ? null : toNumber(value);

function utcDay(now: number): { day: string; resetsAt: number } {
  const date = new Date(now);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return { day: new Date(start).toISOString().slice(0, 10), resetsAt: start + 86_400_000 };
}

/** Typed facade over the ledger scripts: positional tuples become named results here and nowhere else. */
export class TokenLedger {
  readonly keys: LedgerKeys;
  /** The caller clock the ledger stamps its calls with (the scripts keep their own guarded timeline on top). */
  readonly now: () => number;
  /** The store the ledger runs in; its locks (bootstrap) use the same transport. */
  readonly redis: Redis;
  private readonly options: Required<Omit<LedgerOptions, "redis" | "prefix" | "now">>;

  constructor(options: LedgerOptions) {
    this.redis = options.redis;
    this.keys = ledgerKeys(options.prefix);
    this.now = options.now ?? (() => Date.now());
    this.options = {
      interactiveFloor: options.interactiveFloor ?? 10,
      batchReserveFraction: options.batchReserveFraction ?? 0.25,
      staleAfterMs: options.staleAfterMs ?? 300_000,
      breakerMarginMs: options.breakerMarginMs ?? 250,
      statusLimit: options.statusLimit ?? 100,
      trustProjectedRefills: options.trustProjectedRefills ?? false,
    };
  }

  private get baseKeys(): string[] {
    return [this.keys.state, this.keys.leases, this.keys.reservations];
  }

  private floorFraction(tokenClass: TokenClass): number {
    return tokenClass === "batch" ? this.options.batchReserveFraction : 0;
  }

  /**
   * Admits the action and holds `cost` tokens for it, or says why not (writing no reservation). With `dryRun` the
   * same script only answers whether it would admit the action now, holding nothing: estimates ask it, never a copy.
   */
  async reserve(request: ReserveRequest, options: { dryRun?: boolean } = {}): Promise<ReserveResult> {
    if (!Number.isInteger(request.cost) || request.cost <= 0)
      throw new TypeError(`cost must be a positive integer, got ${request.cost}`);
    const now = this.now();
    const id = crypto.randomUUID();
    const quota = request.quota ? { ...utcDay(now), ...request.quota } : undefined;
    const quotaKey = quota ? this.keys.quota(quota.apiKeyId, quota.day) : `${this.keys.state}:no-quota`;
    const args: ScriptArg[] = [
      now,
      id,
      request.action,
      request.class,
      request.cost,
      this.options.interactiveFloor,
      this.floorFraction(request.class),
      request.leaseMs,
      request.holder,
      this.options.staleAfterMs,
      quota?.dailyLimit ?? 0,
      quota?.resetsAt ?? 0,
      this.options.trustProjectedRefills ? 1 : 0,
      options.dryRun ? 1 : 0,
    ];
    const reply = await this.runReserve([...this.baseKeys, quotaKey], args, { id, ...(quota ? { quotaKey } : {}) });
    const [allowed, reason, spendable, cost, deficit, retry, capacity, rate, , floor] = reply;
    if (toNumber(allowed) === 1) {
      return {
        allowed: true,
        id,
        action: request.action,
        class: request.class,
        cost: toNumber(cost),
        balanceAfter: Math.floor(toNumber(spendable)),
        capacity: toNumber(capacity),
        rate: toNumber(rate),
        floor: toNumber(floor),
        ...(quota ? { quotaKey } : {}),
        ...(reason === "ok_refresh" ? { refresh: true as const } : {}),
      };
    }
    if (typeof reason !== "string" || !KNOWN_REASONS.has(reason))
      throw new LedgerCorruptError(`unknown denial reason ${String(reason)}`);
    const denial: Denial = {
      allowed: false,
      reason: reason as DenialReason,
      action: request.action,
      balance: Math.max(0, Math.floor(toNumber(spendable))),
      available: toNumber(spendable) + toNumber(floor),
      required: toNumber(cost),
      deficit: Math.max(0, Math.ceil(toNumber(deficit))),
      retryAfterMs: toNumber(retry),
      capacity: toNumber(capacity),
      rate: toNumber(rate),
      floor: toNumber(floor),
    };
    return denial;
  }

  private async runReserve(keys: string[], args: ScriptArg[], lost: LostReservation): Promise<(string | number)[]> {
    try {
      return await runScript(this.redis, SCRIPTS.reserve, keys, args, 10);
    } catch (error) {
      if (!(error instanceof LedgerUnavailableError)) throw error;
      throw new LedgerUnavailableError(error.message, { cause: error.cause, lost });
    }
  }

  /** Records what one Keepa exchange cost the reservation. Idempotent per charge key. */
  charge(
    id: string,
    charge: ChargeInput,
    options: { leaseMs?: number; quotaKey?: string } = {},
  ): Promise<SettleResult> {
    return this.settle(id, charge, false, options);
  }

  /** Closes the reservation and returns what it did not spend; may carry the last charge. Idempotent. */
  release(id: string, options: { charge?: ChargeInput; quotaKey?: string } = {}): Promise<SettleResult> {
    return this.settle(id, options.charge, true, options);
  }

  private async settle(
    id: string,
    charge: ChargeInput | undefined,
    release: boolean,
    options: { leaseMs?: number; quotaKey?: string },
  ): Promise<SettleResult> {
    const snap = charge?.snapshot;
    const args: ScriptArg[] = [
      this.now(),
      id,
      charge?.key ?? "",
      charge?.consumed ?? 0,
      charge?.uncertain ? 1 : 0,
      release ? 1 : 0,
      snap ? 1 : 0,
      snap?.tokensLeft ?? 0,
      snap?.refillIn ?? 0,
      snap?.refillRate ?? 0,
      snap?.timestamp ?? 0,
      snap?.receivedAt ?? 0,
      Math.max(60_000, (options.leaseMs ?? 0) * 2),
    ];
    const keys = [...this.baseKeys, this.keys.chargeLog(id), options.quotaKey ?? ""];
    const [found, charged, released, spent, remaining, applied] = await runScript(
      this.redis,
      SCRIPTS.settle,
      keys,
      args,
      6,
    );
    return {
      found: toNumber(found) === 1,
      charged: toNumber(charged) === 1,
      released: toNumber(released),
      spent: toNumber(spent),
      remaining: toNumber(remaining),
      applied: toNumber(applied) === 1,
    };
  }

  /** Applies a snapshot if it is newer than the stored one. */
  sync(snapshot: KeepaSnapshot): Promise<{ applied: boolean; blockedUntil: number }> {
    return this.syncOrTrip("sync", snapshot);
  }

  /** Keepa answered 429: block every instance until the deficit is repaid. */
  trip(snapshot: KeepaSnapshot): Promise<{ applied: boolean; blockedUntil: number }> {
    return this.syncOrTrip("trip", snapshot);
  }

  private async syncOrTrip(
    mode: "sync" | "trip",
    s: KeepaSnapshot,
  ): Promise<{ applied: boolean; blockedUntil: number }> {
    const args = [
      this.now(),
      mode,
      s.tokensLeft,
      s.refillIn,
      s.refillRate,
      s.timestamp,
      s.receivedAt,
      this.options.breakerMarginMs,
    ];
    const [applied, blockedUntil] = await runScript(this.redis, SCRIPTS.sync, this.baseKeys, args, 4);
    return { applied: toNumber(applied) === 1, blockedUntil: toNumber(blockedUntil) };
  }

  async status(): Promise<LedgerStatus> {
    const reply = await runScript(
      this.redis,
      SCRIPTS.status,
      this.baseKeys,
      [this.now(), this.options.statusLimit],
      12,
    );
    const [known, left, rate, refillAt, kts, syncedAt, reserved, blockedUntil, blockReason, resyncSince, now, list] =
      reply;
    const projected = orNull(left);
    const rateValue = orNull(rate);
    const reservedValue = toNumber(reserved);
    const blocked = toNumber(blockedUntil);
    const nowValue = toNumber(now);
    return {
      known: toNumber(known) === 1,
      now: nowValue,
      projected,
      reserved: reservedValue,
      available: projected === null ? null : projected - reservedValue,
      rate: rateValue,
      capacity: rateValue === null ? null : 60 * rateValue,
      nextRefillAt: orNull(refillAt),
      keepaTimestamp: orNull(kts),
      syncedAt: orNull(syncedAt),
      breaker: {
        open: blocked > nowValue,
        blockedUntil: blocked > 0 ? blocked : null,
        reason: blockReason === "" ? null : String(blockReason),
      },
      needsResync: resyncSince !== "",
      reservations: parseReservations(String(list)),
    };
  }
}

function parseReservations(json: string): OpenReservation[] {
  const raw = JSON.parse(json) as Record<string, unknown>[];
  return raw.map((r) => ({
    id: String(r.id),
    action: r.action as OpenReservation["action"],
    class: r.class as TokenClass,
    holder: String(r.holder),
    reserved: Number(r.reserved),
    remaining: Number(r.remaining),
    spent: Number(r.spent),
    expiresAt: Number(r.expiry),
  }));
}
