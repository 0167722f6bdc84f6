// The single-flight bootstrap that learns the balance through Keepa's free /token: one holder syncs, the others wait
// for that sync — including the one that landed before a follower even found the lock taken.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { admit } from "../../src/tokens/bootstrap.ts";
import { bootstrapLedger } from "../../src/tokens/bootstrap.ts";
import { manualClock, testLedger, snapshot } from "../helpers/ledger.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";

const running = await useSimulator();
const request = { action: "manual_search", cost: 10, class: "interactive", leaseMs: 60_000, holder: "test" } as const;
const tokenCalls = () => running.sim.getLog().filter((entry) => entry.path === "/token").length;

beforeEach(() => {
  running.sim.reset({ balance: 600, rate: 20 });
});

describe("bootstrapLedger", () => {
  it("the holder syncs through /token and releases its lock", async () => {
    const ledger = testLedger();
    expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa() })).toBe("synced");
    expect(tokenCalls()).toBe(1);
    expect(await ledger.status()).toMatchObject({ known: true, projected: 600, rate: 20 });
    // The release runs after the sync, off the callers' path; this instance's next attempt waits for it and so
    // takes the lock again rather than finding its own.
    expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa() })).toBe("synced");
    expect(tokenCalls()).toBe(2);
  });

  it("the holder's waiters go ahead once the sync landed, before the lock release (it follows)", async () => {
    const { redis, release } = holdingUnlock();
    const ledger = testLedger({ redis });
    expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa() })).toBe("synced");
    expect(await testRedis().exists(ledger.keys.bootstrapLock)).toBe(1);
    release();
    expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa() })).toBe("synced");
    expect(tokenCalls()).toBe(2);
  });

  it(
    "a follower takes a sync that landed before it found the lock still held " + "(no 1.5 s wait, no failure)",
    async () => {
      const ledger = testLedger();
      const refusedAt = ledger.now();
      // Another instance holds the lock and has just synced; it has not yet deleted the lock.
      await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
      await ledger.sync(snapshot({ receivedAt: Date.now() }));
      const started = performance.now();
      expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa(), notBefore: refusedAt })).toBe("waited");
      expect(performance.now() - started).toBeLessThan(500);
      expect(tokenCalls()).toBe(0);
    },
  );

  it(
    "without a reference time a follower waits for a newer sync than the one stored, " + "and gives up when none lands",
    async () => {
      const ledger = testLedger();
      await ledger.sync(snapshot({ receivedAt: Date.now() }));
      await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
      expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa(), waitMs: 400 })).toBe("failed");
      expect(tokenCalls()).toBe(0);
    },
  );

  it("a follower sees the holder's later sync", async () => {
    const ledger = testLedger();
    await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
    setTimeout(() => void ledger.sync(snapshot({ receivedAt: Date.now() })), 250);
    expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa(), notBefore: ledger.now() })).toBe("waited");
  });

  it("a holder whose /token fails reports failed and still releases the lock", async () => {
    const ledger = testLedger();
    // Every attempt fails: the first and both of the client's retries (a free /token is provably uncharged).
    running.sim.setFaults({ failNext: 3, status: 503, endpoints: ["token"] });
    try {
      expect(await bootstrapLedger({ ledger, keepa: testRuntime().keepa() })).toBe("failed");
    } finally {
      running.sim.clearFaults();
    }
    expect(await testRedis().exists(ledger.keys.bootstrapLock)).toBe(0);
    expect((await ledger.status()).known).toBe(false);
  });
});

describe("admit", () => {
  it("reports whether it had to learn the balance first", async () => {
    const ledger = testLedger();
    const first = await admit(ledger, request, () => testRuntime().keepa());
    expect(first).toMatchObject({ bootstrap: "synced", result: { allowed: true } });
    const second = await admit(ledger, request, () => testRuntime().keepa());
    expect(second).toMatchObject({ bootstrap: "not_needed", result: { allowed: true } });
    expect(tokenCalls()).toBe(1);
  });

  it("is admitted after another instance's sync that raced its own lock attempt", async () => {
    const ledger = testLedger({ staleAfterMs: 60_000 });
    await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
    // The refusal (state unknown) and the other instance's sync interleave: it lands right after this reserve.
    const admission = admit(ledger, request, () => testRuntime().keepa());
    await ledger.sync(snapshot({ receivedAt: Date.now() }));
    expect(await admission).toMatchObject({ result: { allowed: true } });
    expect(tokenCalls()).toBe(0);
  });

  it(
    "a follower is woken by a later admission in its instance that found the state confirmed " +
      "(it does not wait for its next poll while later arrivals are admitted ahead of it)",
    async () => {
      const ledger = testLedger({ trustProjectedRefills: false });
      await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
      const polls = countPolls(ledger);
      const waiting = admit(ledger, request, () => testRuntime().keepa());
      await polls.first; // the follower found no sync yet and sleeps until its next poll
      await ledger.sync(snapshot({ receivedAt: Date.now() })); // the lock holder, another instance, syncs
      const later = await admit(ledger, request, () => testRuntime().keepa());
      expect(later).toMatchObject({ bootstrap: "not_needed", result: { allowed: true } });
      expect(await waiting).toMatchObject({ bootstrap: "waited", result: { allowed: true } });
      expect(polls.count()).toBe(1);
      expect(tokenCalls()).toBe(0);
    },
  );

  it("an admission against an unconfirmed refill tick (ok_refresh) does not wake a follower", async () => {
    const clock = manualClock();
    const ledger = testLedger({ trustProjectedRefills: false, now: clock.now });
    await ledger.sync(snapshot({ receivedAt: clock.t, tokensLeft: 100, refillIn: 1000 }));
    clock.advance(2000); // a tick Keepa has not confirmed: 100 confirmed, 20 projected
    await testRedis().set(ledger.keys.bootstrapLock, "someone-else", { px: 5000 });
    const polls = countPolls(ledger);
    // Only the projected refill could pay for 95 (+ the floor of 10): stale, so it waits for a sync.
    const big = { ...request, cost: 95 };
    const waiting = admit(ledger, big, () => testRuntime().keepa());
    await polls.first;
    const small = await admit(ledger, request, () => testRuntime().keepa(), { background: () => undefined });
    expect(small).toMatchObject({ result: { allowed: true, refresh: true } });
    // Nothing synced: the follower keeps polling and gives up after its 1.5 s, having polled more than once.
    expect(await waiting).toMatchObject({ bootstrap: "failed", result: { allowed: false, reason: "stale" } });
    expect(polls.count()).toBeGreaterThan(1);
  });

  it("a background refresh's task settles only once its lock is released (the platform keeps the instance for it)", async () => {
    const clock = manualClock();
    const { redis, release } = holdingUnlock();
    const ledger = testLedger({ redis, trustProjectedRefills: false, now: clock.now });
    await ledger.sync(snapshot({ receivedAt: clock.t, tokensLeft: 100, refillIn: 1000 }));
    clock.advance(2000); // a tick Keepa has not confirmed: admitted on the confirmed balance, refreshed later
    const tasks: (() => Promise<unknown>)[] = [];
    const admitted = await admit(ledger, request, () => testRuntime().keepa(), { background: (t) => tasks.push(t) });
    expect(admitted.result).toMatchObject({ allowed: true, refresh: true });
    expect(tasks).toHaveLength(1);
    let settled = false;
    const task = (tasks[0] as () => Promise<unknown>)().then(() => (settled = true));
    await vi.waitFor(() => expect(tokenCalls()).toBe(1)); // the sync ran; its unlock is held
    await vi.waitFor(async () => expect((await ledger.status()).syncedAt).toBeGreaterThan(clock.t - 2000));
    expect(settled).toBe(false);
    expect(await testRedis().exists(ledger.keys.bootstrapLock)).toBe(1);
    release();
    await task;
    expect(await testRedis().exists(ledger.keys.bootstrapLock)).toBe(0);
  });
});

/** Counts a follower's status polls (through the real Redis); `first` resolves on the first one. */
function countPolls(ledger: ReturnType<typeof testLedger>) {
  let count = 0;
  let polled = () => {};
  const first = new Promise<void>((resolve) => (polled = resolve));
  const status = ledger.status.bind(ledger);
  ledger.status = async () => {
    const result = await status();
    count += 1;
    polled();
    return result;
  };
  return { first, count: () => count };
}

/** The real test Redis, but the bootstrap lock's unlock script waits until `release()`: a release still in flight. */
function holdingUnlock() {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const base = testRedis();
  const redis = new Proxy(base, {
    get(target, prop, receiver) {
      if (prop !== "evalsha") return Reflect.get(target, prop, receiver) as unknown;
      return async (...args: Parameters<typeof base.evalsha>) => {
        const [key] = args[1];
        if (args[1].length === 1 && key?.endsWith("bootstrap-lock")) await held;
        return target.evalsha(...args);
      };
    },
  });
  return { redis, release };
}
