import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { spendEndpoint } from "./fixtures/spend-endpoint.ts";
import type { Runtime } from "../../src/app/index.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";

const running = await useSimulator();
const handler = spendEndpoint();
const asins = running.sim.catalogue.entries.slice(0, 120).map((entry) => entry.asin);

/** The context of the latest call: `settled()` waits for its deferred settle. */
let context = fakeContext();

/** Served on the instance's runtime unless a test hands it one built with the config it wants. */
const call = (payload: unknown, runtime?: Runtime) =>
  handler.serve(
    new Request("http://localhost/api/v1/spend", {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(payload),
    }),
    (context = fakeContext()),
    runtime,
  );

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  const keys = await testRedis().keys(`${process.env.LEDGER_PREFIX}:*`);
  if (keys.length > 0) await testRedis().del(...keys);
});

afterEach(() => {
  // Whatever a test provokes, Keepa itself never had to refuse us and never went below zero.
  expect(running.sim.state()).toMatchObject({ rejected429: 0 });
  expect(running.sim.state().minBalance).toBeGreaterThanOrEqual(0);
});

describe("requireTokens", () => {
  it("bootstraps the balance through the free /token, spends, and reports tokens", async () => {
    const response = await call({ asins: asins.slice(0, 3) });
    expect(response.status).toBe(200);
    const body = await json<{ found: number; tokens: Record<string, unknown> }>(response);
    expect(body.found).toBe(3);
    expect(body.tokens).toMatchObject({ action: "manual_search", reserved: 10, spent: 3, released: 7, partial: false });
    expect(response.headers.get("x-token-balance")).toBe(String(1200 - 3 - 10));
    const log = running.sim.getLog();
    expect(log.map((entry) => entry.path)).toEqual(["/token", "/product"]);
    await context.settled(); // the release runs after the response
    expect((await testRuntime().ledger.status()).reserved).toBe(0);
  });

  it("answers a refusal with 429, Retry-After, X-Token-* headers and a sentence, without calling Keepa", async () => {
    running.sim.setBalance(17);
    const response = await call({ asins: asins.slice(0, 3) });
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-token-balance")).toBe("7");
    expect(response.headers.get("x-token-required")).toBe("10");
    const refillIn = running.sim.state().refillIn;
    const retryAfter = Math.max(1, Math.ceil(refillIn / 1000));
    expect(response.headers.get("retry-after")).toBe(String(retryAfter));
    expect(await json(response)).toMatchObject({
      status: 429,
      action: "manual_search",
      reason: "class_floor",
      balance: 7,
      required: 10,
      deficit: 3,
      retryAfterSeconds: retryAfter,
      detail: `7 tokens available (10 are kept in reserve), 10 needed — retry in ${retryAfter} s.`,
    });
    expect(spendingRequests(running)).toBe(0);
  });

  it("answers 422 when the plan can never fit the Keepa plan", async () => {
    running.sim.reset({ rate: 1 });
    const response = await call({ asins: asins.slice(0, 3), cost: 100 });
    expect(response.status).toBe(422);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(await json(response)).toMatchObject({ reason: "exceeds_capacity", required: 100 });
    expect(spendingRequests(running)).toBe(0);
  });

  it("stops an action whose request would exceed its budget before sending it (partial)", async () => {
    const response = await call({ asins: asins.slice(0, 50), cost: 10 });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      found: 0,
      tokens: { reserved: 10, spent: 0, released: 10, partial: true },
    });
    expect(spendingRequests(running)).toBe(0);
  });

  it("bootstraps once for many concurrent first requests (single flight), never a paid probe", async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => call({ asins: asins.slice(0, 1) })));
    // One instance: its concurrent requests share the single bootstrap, so every one of them is served.
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 12 }, () => 200));
    const tokenCalls = running.sim.getLog().filter((entry) => entry.path === "/token").length;
    expect(tokenCalls).toBe(1);
    expect(running.sim.state().minBalance).toBeGreaterThan(0);
  });

  it("fails closed with 503 when the ledger store is down, and Keepa sees nothing", async () => {
    const runtime = testRuntime({ vars: { UPSTASH_REDIS_REST_URL: "http://127.0.0.1:9" } });
    const response = await call({ asins: asins.slice(0, 3) }, runtime);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await json(response)).toMatchObject({ reason: "store_unavailable" });
    expect(running.sim.getLog()).toEqual([]);
  });
});
