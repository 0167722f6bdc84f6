// Per-key token state, exactly docs/keepa-simulator.md#token-state-per-key and #time-advance: whole-minute ticks
// anchored per key, lazy advance on every read, balance may go negative, cap = 60 × effective rate.

export const TICK_MS = 60_000;
export const CAP_MINUTES = 60;

export type ExternalConsumer = { tokensPerMinute: number; allowNegative: boolean };

export type BucketInit = { rate: number; tokenFlowReduction?: number; balance?: number; anchorMs: number };

export type BucketSnapshot = {
  balance: number;
  rate: number;
  effRate: number;
  tokenFlowReduction: number;
  cap: number;
  refillIn: number;
  minBalance: number;
  consumed: number;
  refilled: number;
  externalConsumed: number;
  requests: number;
  rejected429: number;
  anchorMs: number;
};

export class TokenBucket {
  rate: number;
  tokenFlowReduction: number;
  balance: number;
  readonly anchorMs: number;
  lastSeenMs: number;
  minBalance: number;
  consumed = 0;
  refilled = 0;
  externalConsumed = 0;
  requests = 0;
  rejected429 = 0;
  external: ExternalConsumer | null = null;

  constructor(init: BucketInit) {
    assertRate(init.rate);
    this.rate = init.rate;
    this.tokenFlowReduction = init.tokenFlowReduction ?? 0;
    this.anchorMs = init.anchorMs;
    this.lastSeenMs = init.anchorMs;
    this.balance = Math.min(init.balance ?? this.cap, this.cap);
    this.minBalance = this.balance;
  }

  /** Trackings reduce the plan rate; rounding of a fractional reduction is unverified [U]. */
  get effRate(): number {
    return Math.max(0, this.rate - Math.round(this.tokenFlowReduction));
  }

  get cap(): number {
    return CAP_MINUTES * this.effRate;
  }

  refillIn(nowMs: number): number {
    return TICK_MS - mod(nowMs - this.anchorMs, TICK_MS);
  }

  advance(nowMs: number): void {
    if (nowMs <= this.lastSeenMs) return;
    const ticks = tickIndex(nowMs, this.anchorMs) - tickIndex(this.lastSeenMs, this.anchorMs);
    this.lastSeenMs = nowMs;
    if (ticks <= 0) return;
    if (!this.external) {
      this.refillBy(ticks * this.effRate);
      return;
    }
    // An external consumer spends once per tick, right after the refill, so it is replayed tick by tick.
    for (let i = 0; i < ticks; i++) {
      this.refillBy(this.effRate);
      this.drainExternal(this.external);
    }
  }

  charge(cost: number): void {
    this.balance -= cost;
    this.consumed += cost;
    this.trackMin();
  }

  setBalance(balance: number): void {
    this.balance = Math.min(balance, this.cap);
    this.trackMin();
  }

  setRate(rate: number): void {
    assertRate(rate);
    this.rate = rate;
    this.clampToCap();
  }

  setTokenFlowReduction(reduction: number): void {
    if (!Number.isFinite(reduction) || reduction < 0)
      throw new Error(`tokenFlowReduction must be >= 0, got ${reduction}`);
    this.tokenFlowReduction = reduction;
    this.clampToCap();
  }

  snapshot(nowMs: number): BucketSnapshot {
    return {
      balance: this.balance,
      rate: this.rate,
      effRate: this.effRate,
      tokenFlowReduction: this.tokenFlowReduction,
      cap: this.cap,
      refillIn: this.refillIn(nowMs),
      minBalance: this.minBalance,
      consumed: this.consumed,
      refilled: this.refilled,
      externalConsumed: this.externalConsumed,
      requests: this.requests,
      rejected429: this.rejected429,
      anchorMs: this.anchorMs,
    };
  }

  private refillBy(tokens: number): void {
    // The cap binds only from above: a deficit is repaid by the full tick amount.
    const next = Math.min(this.cap, this.balance + tokens);
    if (next > this.balance) this.refilled += next - this.balance;
    this.balance = next;
  }

  private drainExternal(external: ExternalConsumer): void {
    if (this.balance <= 0) return;
    const spend = external.allowNegative ? external.tokensPerMinute : Math.min(external.tokensPerMinute, this.balance);
    this.balance -= spend;
    this.externalConsumed += spend;
    this.trackMin();
  }

  /** Tokens above a lowered cap expire at once: the invariant balance ≤ cap always holds. */
  private clampToCap(): void {
    if (this.balance > this.cap) this.balance = this.cap;
    this.trackMin();
  }

  private trackMin(): void {
    if (this.balance < this.minBalance) this.minBalance = this.balance;
  }
}

function tickIndex(ms: number, anchorMs: number): number {
  return Math.floor((ms - anchorMs) / TICK_MS);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function assertRate(rate: number): void {
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`rate must be a finite number >= 0, got ${rate}`);
}
