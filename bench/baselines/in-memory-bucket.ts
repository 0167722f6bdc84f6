import { sleep } from "../lib/sleep.ts";

/**
 * Baseline (a), the original design (docs/lessons.md#the-four-budget-incidents, incident 2): a token bucket in each
 * instance's memory, refilled continuously at the plan's rate, set once from Keepa's balance when the instance starts
 * and never synced again. `acquire` waits for the deficit like the original's throttle, but never past the function's
 * time limit.
 */
export class InMemoryBucket {
  private tokens = 0;
  private last = Date.now();

  constructor(
    private readonly ratePerMinute: number,
    private readonly capacity: number,
  ) {}

  /** The original's set_tokens: max(0, balance), not capped, and the refill clock restarts. */
  sync(balance: number): void {
    this.tokens = Math.max(0, balance);
    this.last = Date.now();
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(
      Math.max(this.tokens, this.capacity),
      this.tokens + ((now - this.last) * this.ratePerMinute) / 60_000,
    );
    this.last = now;
  }

  async acquire(cost: number, deadline: number): Promise<boolean> {
    for (;;) {
      this.refill();
      if (this.tokens >= cost) {
        this.tokens -= cost;
        return true;
      }
      const waitMs = ((cost - this.tokens) / this.ratePerMinute) * 60_000;
      if (Date.now() + waitMs > deadline) return false;
      await sleep(waitMs);
    }
  }
}
