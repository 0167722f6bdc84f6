// The single-flight bootstrap that learns the balance through Keepa's free /token: one holder syncs, the others wait
// for that sync — including the one that landed before a follower even found the lock taken.
import { beforeEach, describe, expect, it } from "vitest";
import { admit } from "../../src/tokens/bootstrap.ts";
import { bootstrapLedger } from "../../src/tokens/bootstrap.ts";
import { testLedger, snapshot } from "../helpers/ledger.ts";
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
    expect(await testRedis().exists(ledger.keys.bootstrapLock)).toBe(0);
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
});
