import { KeepaBudgetError } from "../keepa/index.ts";
import { log } from "../shared/index.ts";
import type { KeepaEndpoint, KeepaExchange, KeepaMeter } from "../keepa/index.ts";
import type { TokenLedger } from "./ledger.ts";
import { snapshotOf } from "./types.ts";
import type { KeepaSnapshot, Reservation, SettleResult } from "./types.ts";

export type ChargeMode = "immediate" | "deferred";

export type BudgetOptions = {
  ledger: TokenLedger;
  reservation: Reservation;
  leaseMs: number;
  /**
   * "immediate" charges the ledger after every Keepa response (long batch jobs keep the shared view exact);
   * "deferred" folds the charges into the release, so a short action costs two Redis round trips in all (one on the
   * caller's path when the release runs after the response, see withReservation's `afterResponse`). Deferring
   * is safe: until the release the whole reservation stays held, which only errs toward refusing others.
   * A 429 trips the breaker immediately in both modes.
   * @default "deferred" for interactive actions, "immediate" for batch
   */
  chargeMode?: ChargeMode;
};

export type BudgetSummary = { reserved: number; spent: number; released: number; requests: number; partial: boolean };

/**
 * A reservation's spending money, plugged into the Keepa client as its meter: every request's upper-bound estimate
 * must fit what remains before it is sent, and every response is charged with what Keepa says it cost.
 */
export class TokenBudget implements KeepaMeter {
  readonly reservation: Reservation;
  private readonly ledger: TokenLedger;
  private readonly options: BudgetOptions;
  private readonly mode: ChargeMode;
  private inFlight = 0;
  private spentTokens = 0;
  private deferredConsumed = 0;
  private newest: KeepaSnapshot | undefined;
  private exchanges = 0;
  private refused = false;
  /** Set by close(): from then on nothing is admitted and late responses only sync the balance. */
  private closing: { inFlight: number } | undefined;
  private settling: Promise<SettleResult> | undefined;
  private closed: SettleResult | undefined;

  constructor(options: BudgetOptions) {
    this.options = options;
    this.ledger = options.ledger;
    this.reservation = options.reservation;
    this.mode = options.chargeMode ?? (options.reservation.class === "batch" ? "immediate" : "deferred");
  }

  /** Tokens this action may still commit to new requests. */
  get remaining(): number {
    return this.reservation.cost - this.spentTokens - this.inFlight;
  }

  get spent(): number {
    return this.spentTokens;
  }

  /** True once a request was refused for lack of budget: the action's result is partial. */
  get exhausted(): boolean {
    return this.refused;
  }

  admit(request: { endpoint: KeepaEndpoint; estimate: number }): void {
    if (this.closing)
      throw new KeepaBudgetError(`budget ${this.reservation.id} is already released`, { endpoint: request.endpoint });
    if (request.estimate > this.remaining) {
      this.refused = true;
      throw new KeepaBudgetError(
        `Keepa /${request.endpoint} needs up to ${request.estimate} tokens; ${this.remaining} left in this ` +
          "action's budget",
        { endpoint: request.endpoint },
      );
    }
    this.inFlight += request.estimate;
  }

  async settle(exchange: KeepaExchange): Promise<void> {
    this.exchanges += 1;
    const snapshot = snapshotOf(exchange.envelope, exchange.receivedAt);
    // After close() its estimate is already debited as spent; only its snapshot still counts.
    if (this.closing) return this.settleLate(exchange, snapshot);
    this.inFlight -= exchange.estimate;
    if (exchange.status === 429) {
      if (snapshot) await this.ledger.trip(snapshot);
      return;
    }
    const consumed = exchange.envelope?.tokensConsumed;
    if (consumed !== undefined) return this.record(consumed, snapshot);
    if (exchange.maybeCharged) {
      // No envelope: Keepa may have charged the whole estimate. Debit it now and make the ledger resync.
      this.spentTokens += exchange.estimate;
      await this.ledger.charge(
        this.reservation.id,
        { key: this.chargeKey(), consumed: exchange.estimate, uncertain: true },
        this.settleOptions(),
      );
      return;
    }
    if (snapshot) await this.ledger.sync(snapshot);
  }

  /**
   * A response that arrived after the release (the action gave up on a request still in flight). Its estimate was
   * already debited as uncertain at the release; its snapshot, if newer, now puts the true balance back.
   */
  private async settleLate(exchange: KeepaExchange, snapshot: KeepaSnapshot | undefined): Promise<void> {
    if (!snapshot) return;
    if (exchange.status === 429) await this.ledger.trip(snapshot);
    else await this.ledger.sync(snapshot);
  }

  private async record(consumed: number, snapshot: KeepaSnapshot | undefined): Promise<void> {
    this.spentTokens += consumed;
    // Without a snapshot the charge must reach the ledger's balance itself, now: a later snapshot from another
    // request of this action would not include it.
    if (this.mode === "immediate" || !snapshot) {
      await this.ledger.charge(
        this.reservation.id,
        { key: this.chargeKey(), consumed, snapshot },
        this.settleOptions(),
      );
      return;
    }
    this.deferredConsumed += consumed;
    if (snapshot && (!this.newest || snapshot.timestamp > this.newest.timestamp)) this.newest = snapshot;
  }

  /** Returns what was not spent (carrying any deferred charge). Idempotent; call it in a finally. */
  async release(): Promise<BudgetSummary> {
    this.close();
    // One settle at a time; a failed one may be tried again (the ledger makes a repeat a no-op).
    this.settling ??= this.sendRelease().catch((error: unknown) => {
      this.settling = undefined;
      throw error;
    });
    this.closed = await this.settling;
    return this.summary();
  }

  /**
   * Stops the budget and says what it metered, without a round trip: no request starts after it, requests still in
   * flight count as spent (Keepa may yet charge them), and what release() will hand back is what was not spent.
   * The settle itself can then run after the response; until it lands the whole reservation stays held, and if it
   * never lands its lease expires and is charged its estimate. Idempotent.
   */
  close(): BudgetSummary {
    if (this.closing === undefined) {
      // Requests still in flight may yet be charged: debit their estimates rather than hand them back.
      this.closing = { inFlight: this.inFlight };
      this.spentTokens += this.inFlight;
      this.inFlight = 0;
    }
    return this.summary();
  }

  /** The settle of a closed budget: the in-flight debit (rare), then the release carrying the deferred charge. */
  private async sendRelease(): Promise<SettleResult> {
    const inFlight = this.closing?.inFlight ?? 0;
    if (inFlight > 0) {
      await this.ledger.charge(
        this.reservation.id,
        { key: `${this.reservation.id}:in-flight`, consumed: inFlight, uncertain: true },
        this.settleOptions(),
      );
    }
    const pending = this.deferredConsumed > 0 || this.newest !== undefined;
    const charge = pending
      ? { key: `${this.reservation.id}:final`, consumed: this.deferredConsumed, snapshot: this.newest }
      : undefined;
    return this.ledger.release(this.reservation.id, { ...this.settleOptions(), ...(charge ? { charge } : {}) });
  }

  /**
   * release() for a finally block: a failure is logged, not thrown — the lease then expires and is charged its
   * estimate, so the ledger stays safe without this release, and the caller's own outcome must not be lost to it.
   */
  async releaseQuietly(): Promise<BudgetSummary> {
    try {
      return await this.release();
    } catch (error) {
      log("warn", "token release failed", { reservationId: this.reservation.id, error: String(error) });
      return this.summary();
    }
  }

  /** What the budget metered; once closed, `released` is what the release hands back (before it, 0). */
  summary(): BudgetSummary {
    const unspent = Math.max(0, this.reservation.cost - this.spentTokens);
    return {
      reserved: this.reservation.cost,
      spent: this.spentTokens,
      released: this.closed?.released ?? (this.closing ? unspent : 0),
      requests: this.exchanges,
      partial: this.refused,
    };
  }

  private chargeKey(): string {
    return `${this.reservation.id}:${this.exchanges}`;
  }

  private settleOptions(): { leaseMs: number; quotaKey?: string } {
    return {
      leaseMs: this.options.leaseMs,
      ...(this.reservation.quotaKey ? { quotaKey: this.reservation.quotaKey } : {}),
    };
  }
}
