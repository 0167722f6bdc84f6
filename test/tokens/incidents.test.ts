// The original app emptied its Keepa budget four times (docs/lessons.md#the-four-budget-incidents). Each incident
// replayed against the simulator must end with zero Keepa 429s and no negative balance.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenLedger } from "../../src/tokens/ledger.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { spendEndpoint } from "./fixtures/spend-endpoint.ts";
import { testRedis } from "../helpers/runtime.ts";

const running = await useSimulator({ clock: { mode: "manual" } });
const handler = spendEndpoint();
const asins = running.sim.catalogue.entries.slice(0, 200).map((entry) => entry.asin);

const call = (payload: unknown) =>
  handler(
    new Request("http://localhost/api/v1/spend", {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(payload),
    }),
    fakeContext(),
  );

/** Moves the simulator's clock and the functions' wall clock together. */
function advance(ms: number): void {
  running.sim.advance(ms);
  vi.setSystemTime(running.sim.now());
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  running.sim.reset({ rate: 20 });
  vi.setSystemTime(running.sim.now());
  const keys = await testRedis().keys(`${process.env.LEDGER_PREFIX}:*`);
  if (keys.length > 0) await testRedis().del(...keys);
});

afterEach(() => {
  vi.useRealTimers();
  const state = running.sim.state();
  expect(state.minBalance).toBeGreaterThanOrEqual(0);
});

describe("incident 1: a caller that underestimates the cost as 1 token", () => {
  it("cannot spend beyond what it reserved: the 50-ASIN request is never sent", async () => {
    running.sim.setBalance(30);
    const response = await call({ asins: asins.slice(0, 50), cost: 1 });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ tokens: { reserved: 1, spent: 0, partial: true } });
    expect(spendingRequests(running)).toBe(0);
    expect(running.sim.state()).toMatchObject({ balance: 30, rejected429: 0 });
  });
});

describe("incident 2: an instance starting with an optimistic view of the balance", () => {
  it("trusts no local or stale view: it resyncs for free and admits only what Keepa really has", async () => {
    // Another deployment left a rosy snapshot in Redis ten minutes ago; Keepa now holds 35 tokens.
    const past = new TokenLedger({
      redis: testRedis(),
      prefix: process.env.LEDGER_PREFIX!,
      now: () => Date.now() - 600_000,
    });
    await past.sync({
      tokensLeft: 1200,
      refillIn: 30_000,
      refillRate: 20,
      timestamp: Date.now() - 600_000,
      receivedAt: Date.now() - 600_000,
    });
    running.sim.setBalance(35);
    const responses = await Promise.all(Array.from({ length: 6 }, () => call({ asins: asins.slice(0, 10), cost: 10 })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(2); // (35 − floor 10) / 10
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    expect(running.sim.state()).toMatchObject({ balance: 15, rejected429: 0 });
  });
});

describe("incident 3: the balance lookup fails", () => {
  it("refuses with 503 instead of inventing a balance, and spends nothing", async () => {
    running.sim.setFaults({ failNext: 5, endpoints: ["token"] });
    const response = await call({ asins: asins.slice(0, 3) });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await json(response)).toMatchObject({ reason: "state_unknown" });
    expect(spendingRequests(running)).toBe(0);
    running.sim.clearFaults();
    expect((await call({ asins: asins.slice(0, 3) })).status).toBe(200);
  });
});

describe("incident 4: a Keepa 429 followed by immediate retries from several instances", () => {
  it(
    "trips one shared breaker: one upstream 429, " + "every other instance waits it out without calling Keepa",
    async () => {
      expect((await call({ asins: asins.slice(0, 3) })).status).toBe(200); // the ledger now believes ~1197
      running.sim.setBalance(0); // someone else emptied the key, outside the ledger
      const first = await call({ asins: asins.slice(0, 3) });
      expect(first.status).toBe(429);
      const retryAfter = Number(first.headers.get("retry-after"));
      // The next tick repays the 0 balance; the breaker adds its 250 ms margin.
      expect(retryAfter).toBe(Math.ceil((running.sim.state().refillIn + 250) / 1000));
      const before = spendingRequests(running);
      const retries = await Promise.all(Array.from({ length: 10 }, () => call({ asins: asins.slice(0, 3) })));
      for (const retry of retries) {
        expect(retry.status).toBe(429);
        expect(await json(retry)).toMatchObject({ reason: "upstream_blocked" });
      }
      expect(spendingRequests(running)).toBe(before);
      expect(running.sim.state().rejected429).toBe(1);
      advance(retryAfter * 1000);
      expect((await call({ asins: asins.slice(0, 3), cost: 5 })).status).toBe(200);
      expect(running.sim.state().rejected429).toBe(1);
    },
  );
});

describe("an external consumer draining the same key outside the ledger", () => {
  it(
    "costs at most one upstream 429; " + "then every instance waits out the breaker and spends only confirmed tokens",
    async () => {
      expect((await call({ asins: asins.slice(0, 2) })).status).toBe(200);
      running.sim.setFaults({ externalConsumer: { tokensPerMinute: 5000 } }); // takes every refill, at every tick
      advance(running.sim.state().refillIn + 5_000);
      const statuses: number[] = [];
      for (let step = 0; step < 12; step++) {
        const burst = await Promise.all(Array.from({ length: 3 }, () => call({ asins: asins.slice(0, 2), cost: 5 })));
        statuses.push(...burst.map((response) => response.status));
        advance(25_000);
      }
      expect(running.sim.state().rejected429).toBeLessThanOrEqual(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(0);
      // Every refill goes to the other consumer: after each tick the free /token shows 0 and nothing paid is sent.
      const paid = running.sim.getLog().filter((entry) => entry.path !== "/token");
      expect(paid.filter((entry) => entry.status !== 200).length).toBeLessThanOrEqual(1);
      expect(paid).toHaveLength(1 + running.sim.state().rejected429);
    },
  );
});
