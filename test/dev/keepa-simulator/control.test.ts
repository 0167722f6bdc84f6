import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LogEntry, RunningSimulator } from "../../../dev/keepa-simulator/index.ts";
import { call, control, KEY, MINUTE, startSim } from "./helpers.ts";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim, "POST", "reset");
});

const asin = () => sim.sim.catalogue.specials.amazonPresent;
const product = () => call(sim, "/product", { domain: 1, asin: asin() });

describe("control API /__sim", () => {
  it("GET state reports the key's bucket and counters", async () => {
    await product();
    expect(await control(sim, "GET", "state")).toMatchObject({
      balance: 1199,
      rate: 20,
      cap: 1200,
      refillIn: 60_000,
      minBalance: 1199,
      consumed: 1,
      requests: 1,
      rejected429: 0,
      now: sim.sim.now(),
      clock: { mode: "manual", scale: 1 },
    });
  });

  it("POST state sets balance, rate, tokenFlowReduction, advances the manual clock and creates keys", async () => {
    const s = await control(sim, "POST", "state", { balance: -10, advanceMs: 61_000 });
    expect(s).toMatchObject({ balance: -10, refillIn: 59_000 });
    expect(await control(sim, "POST", "state", { rate: 30, tokenFlowReduction: 5 })).toMatchObject({
      rate: 30,
      effRate: 25,
      cap: 1500,
    });
    sim.sim.advance(59_000);
    expect((await call(sim, "/token")).body).toMatchObject({ tokensLeft: 15, refillRate: 25, tokenFlowReduction: 5 });
    await control(sim, "POST", "state", { key: "second-key", rate: 5 });
    const res = await fetch(`${sim.url}/token?key=second-key`);
    expect(await res.json()).toMatchObject({ tokensLeft: 300, refillRate: 5 });
    const bad = await fetch(`${sim.url}/__sim/state`, { method: "POST", body: JSON.stringify({ balance: "lots" }) });
    expect(bad.status).toBe(400);
  });

  it("POST reset restores the cap, clears counters and log, and accepts an initial balance/rate", async () => {
    await product();
    const s = await control(sim, "POST", "reset", { balance: 7, rate: 10 });
    expect(s).toMatchObject({ balance: 7, rate: 10, cap: 600, consumed: 0, requests: 0, minBalance: 7 });
    expect(((await control(sim, "GET", "log")).entries as unknown[]).length).toBe(0);
    expect(await control(sim, "POST", "reset")).toMatchObject({ balance: 1200, rate: 20 });
  });

  it("GET log records every request with a hashed key, never the raw key", async () => {
    sim.sim.setBalance(1);
    await product();
    await product();
    await call(sim, "/product", { domain: 1, asin: "x", offers: 5 });
    const res = await fetch(`${sim.url}/__sim/log`);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    const entries = (JSON.parse(text) as { entries: LogEntry[] }).entries;
    expect(entries.map((e) => [e.path, e.status, e.admitted, e.cost, e.balanceBefore, e.balanceAfter])).toEqual([
      ["/product", 200, true, 1, 1, 0],
      ["/product", 429, false, 0, 0, 0],
      ["/product", 400, false, 0, 0, 0],
    ]);
    expect(entries[0]!.key).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(entries[0]!.at).toBe(sim.sim.now());
  });

  it("minBalance tracks the lowest balance since reset", async () => {
    sim.sim.setBalance(10);
    await call(sim, "/bestsellers", { domain: 1, category: 283155 });
    sim.sim.advance(10 * MINUTE);
    expect(await control(sim, "GET", "state")).toMatchObject({ balance: 160, minBalance: -40 });
  });
});

describe("faults /__sim/faults", () => {
  it("failNext returns 500s (or 503) with the envelope and no charge", async () => {
    await control(sim, "POST", "faults", { failNext: 2 });
    expect((await call(sim, "/token")).status).toBe(200);
    const first = await product();
    expect(first.status).toBe(500);
    expect(first.body).toMatchObject({ tokensLeft: 1200, tokensConsumed: 0, error: { type: "internalServerError" } });
    expect((await product()).status).toBe(500);
    expect((await product()).status).toBe(200);
    await control(sim, "POST", "faults", { failNext: 1, status: 503 });
    expect((await product()).status).toBe(503);
    expect(sim.sim.state()).toMatchObject({ consumed: 1, balance: 1199 });
  });

  it("timeoutNext holds the response past the client's timeout, charged or not", async () => {
    await control(sim, "POST", "faults", { timeoutNext: 1, timeoutMs: 300, timeoutCharge: true });
    const url = `${sim.url}/product?key=${KEY}&domain=1&asin=${asin()}`;
    await expect(fetch(url, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(sim.sim.state()).toMatchObject({ balance: 1199, consumed: 1 });
    await control(sim, "POST", "faults", { timeoutNext: 1, timeoutMs: 300, timeoutCharge: false });
    await expect(fetch(url, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(sim.sim.state()).toMatchObject({ balance: 1199, consumed: 1 });
    expect((await product()).status).toBe(200);
  });

  it("dropAfterChargeNext charges, then destroys the socket", async () => {
    await control(sim, "POST", "faults", { dropAfterChargeNext: 1 });
    await expect(product()).rejects.toThrow();
    expect(sim.sim.state()).toMatchObject({ balance: 1199, consumed: 1 });
    const log = sim.sim.getLog();
    expect(log[log.length - 1]).toMatchObject({ fault: "drop", cost: 1, admitted: true });
    expect((await product()).body.tokensLeft).toBe(1198);
  });

  it("externalConsumer drains the same key lazily with the clock; DELETE clears all faults", async () => {
    sim.sim.setBalance(100);
    await control(sim, "POST", "faults", { externalConsumer: { tokensPerMinute: 50 } });
    sim.sim.advance(2 * MINUTE);
    expect((await call(sim, "/token")).body.tokensLeft).toBe(40);
    sim.sim.advance(MINUTE);
    expect((await call(sim, "/token")).body.tokensLeft).toBe(10);
    sim.sim.advance(MINUTE);
    expect((await call(sim, "/token")).body.tokensLeft).toBe(0);
    expect(sim.sim.state()).toMatchObject({ externalConsumed: 180, minBalance: 0 });
    await control(sim, "POST", "faults", { failNext: 3 });
    const cleared = await control(sim, "DELETE", "faults");
    expect(cleared).toMatchObject({ failNext: 0, externalConsumer: null });
    sim.sim.advance(MINUTE);
    expect((await call(sim, "/token")).body.tokensLeft).toBe(20);
    expect((await product()).status).toBe(200);
  });
});

describe("clock modes", () => {
  it("scaled clock: a 600× clock ticks every 100 ms of real time", async () => {
    const fast = await startSim({ clock: { mode: "scaled", scale: 600, startMs: Date.UTC(2026, 9, 1) } });
    try {
      fast.sim.setBalance(0);
      await new Promise((r) => setTimeout(r, 250));
      const { body } = await call(fast, "/token");
      expect(body.tokensLeft).toBeGreaterThanOrEqual(40);
      expect(body.tokensLeft % 20).toBe(0);
      expect(() => fast.sim.advance(1)).toThrow(/manual/);
    } finally {
      await fast.close();
    }
  });
});
