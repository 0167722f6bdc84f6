import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../dev/keepa-simulator/bucket.ts";

const T0 = 1_000_000;
const MIN = 60_000;

describe("TokenBucket (whole-minute ticks, lazy advance)", () => {
  it("starts at cap = 60 × rate and reports refillIn in 1..60000 anchored at creation", () => {
    const b = new TokenBucket({ rate: 20, anchorMs: T0 });
    expect(b.cap).toBe(1200);
    expect(b.balance).toBe(1200);
    expect(b.refillIn(T0)).toBe(60_000);
    expect(b.refillIn(T0 + 1)).toBe(59_999);
    expect(b.refillIn(T0 + MIN - 1)).toBe(1);
    expect(b.refillIn(T0 + MIN)).toBe(60_000);
  });

  it("adds exactly rate tokens per whole tick, lazily, whatever the read pattern", () => {
    const a = new TokenBucket({ rate: 20, balance: 0, anchorMs: T0 });
    const b = new TokenBucket({ rate: 20, balance: 0, anchorMs: T0 });
    a.advance(T0 + MIN - 1);
    expect(a.balance).toBe(0);
    a.advance(T0 + MIN);
    expect(a.balance).toBe(20);
    for (let t = T0; t <= T0 + 5 * MIN + 30_000; t += 7_919) a.advance(t);
    a.advance(T0 + 5 * MIN + 30_000);
    b.advance(T0 + 5 * MIN + 30_000);
    expect(a.balance).toBe(100);
    expect(b.balance).toBe(100);
  });

  it("never exceeds the cap and repays a deficit at the full rate", () => {
    const b = new TokenBucket({ rate: 20, balance: 1190, anchorMs: T0 });
    b.advance(T0 + 3 * MIN);
    expect(b.balance).toBe(1200);
    b.setBalance(5000);
    expect(b.balance).toBe(1200);
    b.charge(1300);
    expect(b.balance).toBe(-100);
    b.advance(T0 + 8 * MIN);
    expect(b.balance).toBe(0);
    expect(b.minBalance).toBe(-100);
  });

  it("recovers from deficit D after refillIn + floor(D/rate) minutes exactly", () => {
    const b = new TokenBucket({ rate: 20, balance: 1200, anchorMs: T0 });
    const now = T0 + 12_345;
    b.advance(now);
    b.charge(1249); // balance -49
    const wait = b.refillIn(now) + Math.floor(49 / 20) * MIN;
    b.advance(now + wait - 1);
    expect(b.balance).toBe(-9);
    b.advance(now + wait);
    expect(b.balance).toBe(11);
  });

  it("rate 0 never refills, and tokenFlowReduction lowers rate and cap", () => {
    const zero = new TokenBucket({ rate: 0, anchorMs: T0 });
    zero.charge(7);
    zero.advance(T0 + 600 * MIN);
    expect(zero.balance).toBe(-7);
    const reduced = new TokenBucket({ rate: 20, tokenFlowReduction: 4.6, anchorMs: T0 });
    expect(reduced.effRate).toBe(15);
    expect(reduced.cap).toBe(900);
    reduced.setTokenFlowReduction(10);
    expect(reduced.balance).toBe(600);
  });

  it("an external consumer spends once per tick without driving the balance negative", () => {
    const b = new TokenBucket({ rate: 20, balance: 30, anchorMs: T0 });
    b.external = { tokensPerMinute: 45, allowNegative: false };
    b.advance(T0 + MIN);
    expect(b.balance).toBe(5);
    b.advance(T0 + 2 * MIN);
    expect(b.balance).toBe(0);
    expect(b.externalConsumed).toBe(70);
    b.external = { tokensPerMinute: 45, allowNegative: true };
    b.advance(T0 + 3 * MIN);
    expect(b.balance).toBe(-25);
  });
});
