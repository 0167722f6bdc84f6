// The settle (charge + release) runs after the response: the deferred settle must happen, the response must say what
// the budget metered, and a settle the platform never runs (function frozen or killed) must be covered by the lease.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withReservation } from "../../src/tokens/index.ts";
import type { ReserveRequest } from "../../src/tokens/index.ts";
import { TokenLedger } from "../../src/tokens/ledger.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testLedger } from "../helpers/ledger.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";
import { AUTH, useSimulator } from "../helpers/simulator.ts";
import { spendEndpoint } from "./fixtures/spend-endpoint.ts";

const running = await useSimulator();
const handler = spendEndpoint();
const asins = running.sim.catalogue.entries.slice(0, 10).map((entry) => entry.asin);

const REQUEST: ReserveRequest = {
  action: "manual_search",
  cost: 10,
  class: "interactive",
  leaseMs: 60_000,
  holder: "t",
};

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  const keys = await testRedis().keys(`${process.env.LEDGER_PREFIX}:*`);
  if (keys.length > 0) await testRedis().del(...keys);
});

/** A reservation whose settle is handed to `afterResponse` and not run: the caller decides if it ever runs. */
async function spendWithHeldSettle(ledger: TokenLedger) {
  const tasks: (() => Promise<unknown>)[] = [];
  const runtime = testRuntime();
  const deps = {
    ledger,
    keepaForSync: () => runtime.keepa(),
    afterResponse: (task: () => Promise<unknown>) => tasks.push(task),
  };
  const spent = await withReservation(deps, REQUEST, (budget) =>
    runtime.keepa({ meter: budget }).products({ domain: 1, asins: asins.slice(0, 3) }),
  );
  if (spent.reason !== "done") throw new Error(`not done: ${spent.reason}`);
  return { spent, tasks };
}

describe("the settle after the response", () => {
  it("the guard answers with what the budget metered and settles once the platform runs its deferred work", async () => {
    const context = fakeContext();
    const response = await handler.serve(
      new Request("http://localhost/api/v1/spend", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify({ asins: asins.slice(0, 3) }),
      }),
      context,
    );
    expect(response.status).toBe(200);
    const body = await json<{ tokens: Record<string, unknown> }>(response);
    expect(body.tokens).toMatchObject({ reserved: 10, spent: 3, released: 7, balance: 1200 - 3 - 10 });
    await context.settled();
    const status = await testRuntime().ledger.status();
    expect(status.reservations).toEqual([]);
    expect(status.reserved).toBe(0);
    expect(status.projected).toBe(1200 - 3);
  });

  it("holds the whole reservation until the deferred settle runs, then charges what Keepa said and frees the rest", async () => {
    const ledger = testLedger();
    const { spent, tasks } = await spendWithHeldSettle(ledger);
    expect(spent.summary).toMatchObject({ reserved: 10, spent: 3, released: 7 });
    expect(tasks).toHaveLength(1);
    const held = await ledger.status();
    expect(held.reservations.map((r) => r.id)).toEqual([spent.reservation.id]);
    expect(held.available).toBe(1200 - 10);
    await tasks[0]!();
    const settled = await ledger.status();
    expect(settled.reservations).toEqual([]);
    expect(settled.available).toBe(1200 - 3);
  });

  it("a settle that never runs is covered by the lease: at expiry the whole estimate is charged and a resync demanded", async () => {
    const ledger = testLedger();
    const { spent } = await spendWithHeldSettle(ledger); // the function is killed: its settle never runs
    // Another instance of the same deployment, a minute and a bit later (past the 60 s lease).
    const later = new TokenLedger({
      redis: testRedis(),
      prefix: ledger.keys.state.replace(/:tokens:state$/, ""),
      trustProjectedRefills: true,
      now: () => Date.now() + REQUEST.leaseMs + 1_000,
    });
    const denied = await later.reserve(REQUEST);
    expect(denied).toMatchObject({ allowed: false, reason: "stale" });
    const status = await later.status();
    expect(status.reservations).toEqual([]);
    expect(status.reserved).toBe(0);
    expect(status.needsResync).toBe(true);
    // Charged the reservation's full 10 (from a full, capped balance), not the 3 Keepa took: never refunded, since
    // the killed request may have spent all of it.
    expect(spent.reservation.cost).toBe(10);
    expect(status.projected).toBe(1200 - 10);
  });
});

describe("a refill tick Keepa has not confirmed", () => {
  afterEach(() => void vi.useRealTimers());

  /** Moves the simulator's clock and the functions' wall clock together. */
  const advance = (ms: number) => {
    running.sim.advance(ms);
    vi.setSystemTime(running.sim.now());
  };
  const spend = async () => {
    const context = fakeContext();
    const response = await handler.serve(
      new Request("http://localhost/api/v1/spend", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify({ asins: asins.slice(0, 2) }),
      }),
      context,
    );
    return { response, context };
  };

  it("is confirmed through the free /token after the response, not before it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(running.sim.now());
    const first = await spend(); // cold: learns the balance first, on the path
    expect(first.response.status).toBe(200);
    await first.context.settled();
    advance(60_000); // a refill tick since that snapshot
    const seen = running.sim.getLog().length;
    const second = await spend();
    expect(second.response.status).toBe(200);
    // Admitted against the confirmed balance: only the product request went to Keepa before the answer.
    expect(
      running.sim
        .getLog()
        .slice(seen)
        .map((entry) => entry.path),
    ).toEqual(["/product"]);
    await second.context.settled();
    expect(
      running.sim
        .getLog()
        .slice(seen)
        .map((entry) => entry.path),
    ).toEqual(["/product", "/token"]);
    const status = await testRuntime().ledger.status();
    expect(status.reservations).toEqual([]);
    expect(status.projected).toBe(running.sim.state().balance);
  });
});
