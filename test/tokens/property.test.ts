// Randomized interleavings of reserve / request / late (out-of-order) settlement / release / crash (lease expiry) /
// stale snapshot replays / faults, against the real Redis ledger and the Keepa simulator on one manual clock.
// The property: Keepa never has to refuse us and its balance never goes below zero — every admitted token was
// provably there (balance + refills) when admitted.
import { describe, expect, it } from "vitest";
import { DEV_KEEPA_KEY } from "../../dev/keepa-simulator/server.ts";
import { createKeepaClient } from "../../src/keepa/client.ts";
import { isKeepaError } from "../../src/keepa/errors/index.ts";
import type { KeepaExchange, KeepaMeter } from "../../src/keepa/types.ts";
import { mulberry32 } from "../../src/shared/random.ts";
import { admit } from "../../src/tokens/bootstrap.ts";
import { TokenBudget } from "../../src/tokens/budget.ts";
import { snapshotOf } from "../../src/tokens/types.ts";
import type { KeepaSnapshot } from "../../src/tokens/types.ts";
import { testLedger } from "../helpers/ledger.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { testRedis } from "../helpers/runtime.ts";

const running = await useSimulator({ clock: { mode: "manual" } });
const asins = running.sim.catalogue.entries.slice(0, 400).map((entry) => entry.asin);

type Action = { budget: TokenBudget; meter: KeepaMeter; crashed: boolean };

function world(seed: number) {
  const rng = mulberry32(seed);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(rng() * list.length)];
  const now = () => running.sim.now();
  const ledger = testLedger({ now, staleAfterMs: 180_000, trustProjectedRefills: seed % 2 === 0 });
  const late: (() => Promise<void>)[] = [];
  const seen: KeepaSnapshot[] = [];
  const open: Action[] = [];
  const freeClient = createKeepaClient({ apiKey: DEV_KEEPA_KEY, baseUrl: running.url, now, retry: { limit: 0 } });

  function delaying(budget: TokenBudget): KeepaMeter {
    return {
      admit: (request) => budget.admit(request),
      settle: (exchange: KeepaExchange) => {
        const snap = snapshotOf(exchange.envelope, exchange.receivedAt);
        if (snap) seen.push(snap);
        if (rng() < 0.35) {
          late.push(() => budget.settle(exchange));
          return;
        }
        return budget.settle(exchange);
      },
    };
  }

  const ops = {
    async start() {
      const cost = 1 + Math.floor(rng() * 40);
      const tokenClass = rng() < 0.3 ? "batch" : "interactive";
      const request = {
        action: "manual_search",
        cost,
        class: tokenClass,
        leaseMs: 120_000,
        holder: `seed-${seed}`,
      } as const;
      const { result } = await admit(ledger, request, () => freeClient);
      if (!result.allowed) return;
      const budget = new TokenBudget({
        ledger,
        reservation: result,
        leaseMs: 120_000,
        chargeMode: rng() < 0.6 ? "deferred" : "immediate",
      });
      open.push({ budget, meter: delaying(budget), crashed: false });
    },
    async request() {
      const action = pick(open.filter((a) => !a.crashed));
      if (!action) return;
      const n = 1 + Math.floor(rng() * Math.max(1, Math.min(20, action.budget.remaining + 3)));
      const chosen = Array.from({ length: n }, () => pick(asins)!);
      if (rng() < 0.05) running.sim.setFaults(rng() < 0.5 ? { dropAfterChargeNext: 1 } : { failNext: 1 });
      const client = createKeepaClient({
        apiKey: DEV_KEEPA_KEY,
        baseUrl: running.url,
        meter: action.meter,
        now,
        retry: { limit: 1, baseDelayMs: 1 },
      });
      try {
        await client.products({ domain: 1, asins: chosen });
      } catch (error) {
        if (!isKeepaError(error)) throw error;
      }
    },
    async deliver() {
      const index = Math.floor(rng() * late.length);
      const [settle] = late.splice(index, 1);
      await settle?.();
    },
    async release() {
      const action = pick(open.filter((a) => !a.crashed));
      if (!action) return;
      open.splice(open.indexOf(action), 1);
      await action.budget.release();
    },
    async crash() {
      const action = pick(open);
      if (action) action.crashed = true;
    },
    async advance() {
      running.sim.advance(Math.floor(rng() * 60_000));
    },
    async replay() {
      const old = pick(seen);
      if (old) await ledger.sync(old);
    },
  };
  const weights: [keyof typeof ops, number][] = [
    ["start", 22],
    ["request", 36],
    ["deliver", 14],
    ["release", 10],
    ["advance", 5],
    ["crash", 3],
    ["replay", 10],
  ];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const next = (): keyof typeof ops => {
    let roll = rng() * total;
    for (const [name, w] of weights) if ((roll -= w) < 0) return name;
    return "advance";
  };
  return { ledger, ops, next, open };
}

describe("ledger property: admitted spend ≤ provable balance + refills", () => {
  for (const seed of Array.from({ length: 16 }, (_, i) => i + 1)) {
    it(`holds over 200 random operations (seed ${seed})`, { timeout: 60_000 }, async () => {
      running.sim.reset({ balance: 60, rate: 5 });
      await testRedis().scriptFlush();
      const { ledger, ops, next } = world(seed);
      const trace: string[] = [];
      for (let step = 0; step < 200; step++) {
        const op = next();
        trace.push(op);
        await ops[op]();
        const state = running.sim.state();
        const context = `seed ${seed} step ${step} after ${trace.slice(-8).join(",")}`;
        expect(state.rejected429, context).toBe(0);
        expect(state.minBalance, context).toBeGreaterThanOrEqual(0);
        const status = await ledger.status();
        const open = status.reservations.reduce((sum, r) => sum + r.remaining, 0);
        expect(status.reserved, context).toBe(open);
      }
      expect(running.sim.state().consumed).toBeGreaterThan(0);
    });
  }
});
