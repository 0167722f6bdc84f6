import { describe, expect, it } from "vitest";
import { TokenLedger } from "../../src/tokens/ledger.ts";
import { SCRIPTS } from "../../src/tokens/transport.ts";
import { runScript } from "../../src/tokens/transport.ts";
import { manualClock, snapshot, testLedger } from "../helpers/ledger.ts";
import { testRedis } from "../helpers/runtime.ts";

const interactive = {
  action: "manual_search",
  cost: 10,
  class: "interactive",
  leaseMs: 60_000,
  holder: "test",
} as const;
const batch = { action: "auto_sourcing_job", cost: 200, class: "batch", leaseMs: 60_000, holder: "test" } as const;

async function synced(left: number, extra: { refillIn?: number; refillRate?: number } = {}) {
  const clock = manualClock();
  const ledger = testLedger({ now: clock.now });
  await ledger.sync(snapshot({ tokensLeft: left, receivedAt: clock.t, ...extra }));
  return { clock, ledger };
}

describe("projection", () => {
  it("counts whole-minute ticks from receive time + refillIn, capped at 60 × rate", async () => {
    const { clock, ledger } = await synced(100, { refillIn: 30_000, refillRate: 20 });
    expect((await ledger.status()).projected).toBe(100);
    clock.advance(29_999);
    expect((await ledger.status()).projected).toBe(100);
    clock.advance(1);
    expect((await ledger.status()).projected).toBe(120);
    clock.advance(59_999);
    expect((await ledger.status()).projected).toBe(120);
    clock.advance(1);
    const status = await ledger.status();
    expect(status.projected).toBe(140);
    expect(status.nextRefillAt).toBe(clock.t + 60_000);
    clock.advance(10 * 3_600_000);
    expect((await ledger.status()).projected).toBe(1200);
    expect((await ledger.status()).capacity).toBe(1200);
  });

  it("repays a negative balance tick by tick", async () => {
    const { clock, ledger } = await synced(-45, { refillIn: 10_000, refillRate: 20 });
    clock.advance(10_000);
    expect((await ledger.status()).projected).toBe(-25);
    clock.advance(120_000);
    expect((await ledger.status()).projected).toBe(15);
  });

  it("never refills at rate 0", async () => {
    const { clock, ledger } = await synced(5, { refillRate: 0 });
    clock.advance(3_600_000);
    const status = await ledger.status();
    expect(status.projected).toBe(5);
    expect(status.breaker).toMatchObject({ open: true, reason: "rate_zero" });
  });

  it("keeps fractional balances exact", async () => {
    const { ledger } = await synced(54.5);
    expect((await ledger.status()).projected).toBe(54.5);
  });
});

describe("reserve", () => {
  it("refuses with state_unknown before any snapshot, writing nothing", async () => {
    const ledger = testLedger();
    const result = await ledger.reserve(interactive);
    expect(result).toMatchObject({ allowed: false, reason: "state_unknown", required: 10 });
    expect((await ledger.status()).reservations).toEqual([]);
  });

  it("admits while available − cost ≥ the interactive floor and holds the cost", async () => {
    const { ledger } = await synced(100);
    const result = await ledger.reserve(interactive);
    expect(result).toMatchObject({ allowed: true, cost: 10, balanceAfter: 80, capacity: 1200, rate: 20 });
    const status = await ledger.status();
    expect(status.reserved).toBe(10);
    expect(status.available).toBe(90);
    expect(status.reservations).toHaveLength(1);
    expect(status.reservations[0]).toMatchObject({
      action: "manual_search",
      class: "interactive",
      remaining: 10,
      holder: "test",
    });
  });

  it("says class_floor when the tokens exist but the floor must stay, with an exact Retry-After", async () => {
    const { clock, ledger } = await synced(15, { refillIn: 42_000 });
    clock.advance(2_000);
    const result = await ledger.reserve(interactive);
    expect(result).toEqual({
      allowed: false,
      reason: "class_floor",
      action: "manual_search",
      balance: 5,
      available: 15,
      required: 10,
      deficit: 5,
      retryAfterMs: 40_000,
      capacity: 1200,
      rate: 20,
      floor: 10,
    });
  });

  it("computes Retry-After from refillIn and the deficit when the balance is negative", async () => {
    const { ledger } = await synced(-45, { refillIn: 10_000, refillRate: 20 });
    const result = await ledger.reserve(interactive);
    // spendable −55, deficit 65 → 4 ticks: the first in 10 s, three more a minute apart.
    expect(result).toMatchObject({
      allowed: false,
      reason: "insufficient",
      balance: 0,
      deficit: 65,
      retryAfterMs: 190_000,
    });
  });

  it("makes batch actions leave a fraction of capacity for interactive users", async () => {
    const { ledger } = await synced(450);
    expect(await ledger.reserve(batch)).toMatchObject({
      allowed: false,
      reason: "class_floor",
      floor: 300,
      balance: 150,
      deficit: 50,
    });
    const interactiveStillFits = await ledger.reserve({ ...interactive, cost: 50 });
    expect(interactiveStillFits.allowed).toBe(true);
    const { ledger: richer } = await synced(500);
    expect(await richer.reserve(batch)).toMatchObject({ allowed: true, balanceAfter: 0 });
  });

  it("refuses what the bucket can never hold with exceeds_capacity", async () => {
    const { ledger } = await synced(180, { refillRate: 3 });
    expect(await ledger.reserve(batch)).toMatchObject({ allowed: false, reason: "exceeds_capacity", capacity: 180 });
  });

  it("sums open reservations across callers", async () => {
    const { ledger } = await synced(40);
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
    expect(await ledger.reserve(interactive)).toMatchObject({
      allowed: false,
      reason: "class_floor",
      balance: 0,
      deficit: 10,
    });
    expect(await ledger.reserve({ ...interactive, cost: 11 })).toMatchObject({
      allowed: false,
      reason: "insufficient",
      deficit: 11,
    });
  });

  it("rejects a non-integer or non-positive cost as a programming error", async () => {
    const { ledger } = await synced(100);
    await expect(ledger.reserve({ ...interactive, cost: 0 })).rejects.toThrow(TypeError);
    await expect(ledger.reserve({ ...interactive, cost: 1.5 })).rejects.toThrow(TypeError);
  });
});

describe("charge and release", () => {
  it("settles with the real cost, idempotently, and returns the unspent rest", async () => {
    const { clock, ledger } = await synced(100);
    const reservation = await ledger.reserve(interactive);
    if (!reservation.allowed) throw new Error("expected admission");
    const charge = { key: "x1", consumed: 3, snapshot: snapshot({ tokensLeft: 97, receivedAt: clock.t }) };
    expect(await ledger.charge(reservation.id, charge)).toMatchObject({
      found: true,
      charged: true,
      spent: 3,
      remaining: 7,
      applied: true,
    });
    expect(await ledger.charge(reservation.id, charge)).toMatchObject({ charged: false, spent: 3, remaining: 7 });
    expect((await ledger.status()).available).toBe(90);
    expect(await ledger.release(reservation.id)).toMatchObject({ found: true, released: 7, spent: 3 });
    expect(await ledger.release(reservation.id)).toMatchObject({ found: false, released: 0 });
    const status = await ledger.status();
    expect(status.reserved).toBe(0);
    expect(status.available).toBe(97);
  });

  it("carries the last charge on release in one round trip", async () => {
    const { clock, ledger } = await synced(100);
    const reservation = await ledger.reserve(interactive);
    if (!reservation.allowed) throw new Error("expected admission");
    const result = await ledger.release(reservation.id, {
      charge: { key: "last", consumed: 8, snapshot: snapshot({ tokensLeft: 92, receivedAt: clock.t }) },
    });
    expect(result).toMatchObject({ found: true, charged: true, released: 2, spent: 8, applied: true });
    expect((await ledger.status()).available).toBe(92);
  });

  it("debits a charge that came without a snapshot: the stored balance cannot contain it", async () => {
    const { ledger } = await synced(1000);
    const reservation = await ledger.reserve(interactive);
    if (!reservation.allowed) throw new Error("expected admission");
    await ledger.release(reservation.id, { charge: { key: "bare", consumed: 3 } });
    const status = await ledger.status();
    expect(status.available).toBe(997);
    expect(status.needsResync).toBe(false);
  });

  it("keeps a release-with-charge idempotent after the release (a retried call debits nothing more)", async () => {
    const { ledger } = await synced(100);
    const reservation = await ledger.reserve(interactive);
    if (!reservation.allowed) throw new Error("expected admission");
    const charge = { key: "K", consumed: 4, uncertain: true };
    expect(await ledger.release(reservation.id, { charge })).toMatchObject({ charged: true, released: 6 });
    expect(await ledger.release(reservation.id, { charge })).toMatchObject({
      charged: false,
      released: 0,
      found: false,
    });
    expect((await ledger.status()).projected).toBe(96);
  });

  it("debits an uncertain charge (no envelope) and demands a resync", async () => {
    const { clock, ledger } = await synced(100);
    const reservation = await ledger.reserve(interactive);
    if (!reservation.allowed) throw new Error("expected admission");
    await ledger.charge(reservation.id, { key: "lost", consumed: 4, uncertain: true });
    const status = await ledger.status();
    expect(status.projected).toBe(96);
    expect(status.needsResync).toBe(true);
    expect(await ledger.reserve(interactive)).toMatchObject({ allowed: false, reason: "stale" });
    clock.advance(1);
    await ledger.sync(snapshot({ tokensLeft: 96, receivedAt: clock.t }));
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
  });
});

describe("reserve retried in transit", () => {
  it("reserves once per id even when the script runs twice", async () => {
    const { clock, ledger } = await synced(100);
    const keys = [ledger.keys.state, ledger.keys.leases, ledger.keys.reservations, `${ledger.keys.state}:no-quota`];
    const args = [clock.t, "same-id", "manual_search", "interactive", 10, 10, 0, 60_000, "test", 300_000, 0, 0, 1];
    const first = await runScript(testRedis(), SCRIPTS.reserve, keys, args, 10);
    const again = await runScript(testRedis(), SCRIPTS.reserve, keys, args, 10);
    expect([first[0], again[0]]).toEqual([1, 1]);
    const status = await ledger.status();
    expect(status.reserved).toBe(10);
    expect(status.reservations).toHaveLength(1);
    await ledger.release("same-id");
    expect((await ledger.status()).reserved).toBe(0);
  });
});

describe("clock skew between instances", () => {
  it("a fast caller cannot make a slower one's snapshot project refills Keepa has not granted", async () => {
    const clock = manualClock();
    const a = testLedger({ now: clock.now, trustProjectedRefills: false });
    const fast = new TokenLedger({
      redis: testRedis(),
      prefix: a.keys.state.replace(/:tokens:state$/, ""),
      now: () => clock.t + 30_000,
      trustProjectedRefills: false,
    });
    await a.sync(snapshot({ tokensLeft: 30, refillIn: 20_000, receivedAt: clock.t }));
    await fast.reserve(interactive); // persists the fast clock as the ledger's latest time
    clock.advance(1_000);
    await a.sync(snapshot({ tokensLeft: 29, refillIn: 19_000, receivedAt: clock.t }));
    // Keepa holds 29: with the floor of 10 at most 19 may be admitted, and no refill has been granted yet.
    expect(await a.reserve({ ...interactive, cost: 20 })).toMatchObject({ allowed: false });
    expect((await a.status()).projected).toBe(29);
  });
});

describe("sync", () => {
  it("applies only snapshots newer than the stored one", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now });
    expect(
      await ledger.sync({ tokensLeft: 50, refillIn: 1000, refillRate: 20, timestamp: 2000, receivedAt: clock.t }),
    ).toMatchObject({ applied: true });
    expect(
      await ledger.sync({ tokensLeft: 500, refillIn: 1000, refillRate: 20, timestamp: 1999, receivedAt: clock.t }),
    ).toMatchObject({ applied: false });
    expect(
      await ledger.sync({ tokensLeft: 500, refillIn: 1000, refillRate: 20, timestamp: 2000, receivedAt: clock.t }),
    ).toMatchObject({ applied: false });
    expect((await ledger.status()).projected).toBe(50);
    expect(
      await ledger.sync({ tokensLeft: 40, refillIn: 1000, refillRate: 20, timestamp: 2001, receivedAt: clock.t }),
    ).toMatchObject({ applied: true });
    expect((await ledger.status()).projected).toBe(40);
  });

  it("by default spends only what Keepa confirmed since the latest refill tick", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now, trustProjectedRefills: false });
    await ledger.sync(snapshot({ tokensLeft: 500, refillIn: 10_000, receivedAt: clock.t }));
    clock.advance(9_999);
    const before = await ledger.reserve(interactive);
    expect(before).toMatchObject({ allowed: true });
    expect(before.allowed && before.refresh).toBeFalsy();
    clock.advance(1);
    // A tick (+20) Keepa has not confirmed: admitted against the confirmed 500 only, asking for a refresh.
    const after = await ledger.reserve(interactive);
    expect(after).toMatchObject({ allowed: true, refresh: true, balanceAfter: 500 - 10 - 10 - 10 });
    // What only the unconfirmed refill could pay is not admitted: the caller must learn the balance first.
    expect(await ledger.reserve({ ...interactive, cost: 475 })).toMatchObject({
      allowed: false,
      reason: "stale",
      retryAfterMs: 1000,
    });
    await ledger.sync(snapshot({ tokensLeft: 510, refillIn: 60_000, receivedAt: clock.t }));
    const confirmed = await ledger.reserve(interactive);
    expect(confirmed).toMatchObject({ allowed: true, balanceAfter: 510 - 20 - 10 - 10 });
    expect(confirmed.allowed && confirmed.refresh).toBeFalsy();
  });

  it("distrusts projected refills for an hour after a breaker trip even when trusting them", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now, trustProjectedRefills: true });
    await ledger.trip(snapshot({ tokensLeft: 0, refillIn: 5_000, receivedAt: clock.t }));
    clock.advance(5_250);
    expect(await ledger.reserve(interactive)).toMatchObject({ allowed: false, reason: "stale" });
    await ledger.sync(snapshot({ tokensLeft: 20, refillIn: 55_000, receivedAt: clock.t }));
    expect((await ledger.reserve({ ...interactive, cost: 5 })).allowed).toBe(true);
    clock.advance(2 * 3_600_000 + 60_000);
    await ledger.sync(snapshot({ tokensLeft: 500, refillIn: 1_000, receivedAt: clock.t }));
    clock.advance(61_000);
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
  });

  it("marks state stale after the configured age", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now, staleAfterMs: 300_000 });
    await ledger.sync(snapshot({ tokensLeft: 500, receivedAt: clock.t }));
    clock.advance(300_001);
    expect(await ledger.reserve(interactive)).toMatchObject({ allowed: false, reason: "stale" });
  });

  it("ignores a caller whose clock runs behind the latest one seen", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now });
    await ledger.sync(snapshot({ tokensLeft: 100, refillIn: 1000, receivedAt: clock.t }));
    clock.advance(61_000);
    expect((await ledger.reserve(interactive)).allowed).toBe(true); // persists lastNow; two ticks applied
    clock.advance(-61_000);
    const status = await ledger.status();
    expect(status.now).toBe(clock.t + 61_000);
    expect(status.projected).toBe(140);
  });
});

describe("breaker", () => {
  it("blocks every caller for refillIn + the whole minutes that repay the deficit", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now });
    await ledger.sync(snapshot({ tokensLeft: 100, receivedAt: clock.t }));
    const trip = await ledger.trip(snapshot({ tokensLeft: -45, refillIn: 5_000, refillRate: 20, receivedAt: clock.t }));
    expect(trip.blockedUntil).toBe(clock.t + 5_000 + 2 * 60_000 + 250);
    const denied = await ledger.reserve(interactive);
    expect(denied).toMatchObject({ allowed: false, reason: "upstream_blocked", retryAfterMs: 125_250 });
    const shorter = await ledger.trip({
      tokensLeft: 0,
      refillIn: 1_000,
      refillRate: 20,
      timestamp: 1,
      receivedAt: clock.t,
    });
    expect(shorter.blockedUntil).toBe(trip.blockedUntil);
    clock.advance(125_250);
    await ledger.sync(snapshot({ tokensLeft: 15, refillIn: 60_000, receivedAt: clock.t }));
    expect(await ledger.reserve({ ...interactive, cost: 5 })).toMatchObject({ allowed: true });
  });

  it("stays blocked at rate 0 until a snapshot shows a positive rate", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now });
    await ledger.trip(snapshot({ tokensLeft: 0, refillRate: 0, receivedAt: clock.t }));
    clock.advance(24 * 3_600_000);
    expect(await ledger.reserve(interactive)).toMatchObject({
      allowed: false,
      reason: "upstream_blocked",
      retryAfterMs: 60_000,
    });
    await ledger.sync(snapshot({ tokensLeft: 300, refillRate: 5, receivedAt: clock.t }));
    expect((await ledger.status()).breaker.open).toBe(false);
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
  });
});

describe("leases", () => {
  it("reaps an expired lease by charging its estimate, then demands a resync", async () => {
    const clock = manualClock();
    const ledger = testLedger({ now: clock.now });
    await ledger.sync(snapshot({ tokensLeft: 100, refillIn: 600_000, receivedAt: clock.t }));
    const crashed = await ledger.reserve({ ...interactive, leaseMs: 1_000 });
    expect(crashed.allowed).toBe(true);
    clock.advance(1_001);
    expect(await ledger.reserve(interactive)).toMatchObject({ allowed: false, reason: "stale" });
    const status = await ledger.status();
    expect(status.reservations).toEqual([]);
    expect(status.reserved).toBe(0);
    expect(status.projected).toBe(90);
    expect(status.needsResync).toBe(true);
  });
});

describe("quota", () => {
  it("refuses past a key's daily quota until the UTC day ends, and refunds what was not spent", async () => {
    const { clock, ledger } = await synced(1000);
    const quota = { apiKeyId: "k1", dailyLimit: 15 };
    const first = await ledger.reserve({ ...interactive, quota });
    if (!first.allowed) throw new Error("expected admission");
    const second = await ledger.reserve({ ...interactive, quota });
    const midnight = Math.ceil(clock.t / 86_400_000) * 86_400_000;
    expect(second).toMatchObject({ allowed: false, reason: "quota", retryAfterMs: midnight - clock.t });
    await ledger.release(first.id, { quotaKey: first.quotaKey, charge: { key: "c", consumed: 3 } });
    expect((await ledger.reserve({ ...interactive, quota })).allowed).toBe(true);
  });
});

describe("store", () => {
  it("runs after SCRIPT FLUSH (EVALSHA → NOSCRIPT → EVAL)", async () => {
    const { ledger } = await synced(100);
    await testRedis().scriptFlush();
    expect((await ledger.reserve(interactive)).allowed).toBe(true);
  });

  it("fails closed with a LedgerError when the state is garbage", async () => {
    const ledger = testLedger();
    await testRedis().set(ledger.keys.state, "not a hash");
    await expect(ledger.reserve(interactive)).rejects.toMatchObject({ isLedgerError: true, code: "unavailable" });
  });

  it("fails closed with a LedgerError when Redis is unreachable", async () => {
    const { Redis } = await import("@upstash/redis");
    const dead = new Redis({ url: "http://127.0.0.1:9", token: "x", enableTelemetry: false, retry: false });
    const ledger = new TokenLedger({ redis: dead, prefix: "dead" });
    await expect(ledger.reserve(interactive)).rejects.toMatchObject({ isLedgerError: true, code: "unavailable" });
  });
});

describe("reserve in dry-run mode (what estimates ask)", () => {
  it("answers exactly what a real reserve would, and holds nothing", async () => {
    const { ledger } = await synced(400, { refillRate: 20 });
    const dry = await ledger.reserve(batch, { dryRun: true });
    expect(dry).toMatchObject({ allowed: false, reason: "class_floor" });
    const fits = await ledger.reserve({ ...batch, cost: 90 }, { dryRun: true });
    expect(fits).toMatchObject({ allowed: true, cost: 90, balanceAfter: 400 - 300 - 90, floor: 300 });
    const after = await ledger.status();
    expect(after.reserved).toBe(0);
    expect(after.reservations).toEqual([]);
    const real = await ledger.reserve({ ...batch, cost: 90 });
    expect(real).toMatchObject({ allowed: true, cost: 90, balanceAfter: 400 - 300 - 90 });
    expect((await ledger.status()).reserved).toBe(90);
    // With 90 held, 310 are available in all but only 10 above the batch reserve: the same refusal as before.
    expect(await ledger.reserve(batch, { dryRun: true })).toMatchObject({ allowed: false, reason: "class_floor" });
  });
});
