import { afterAll, beforeEach, expect } from "vitest";
import { startKeepaSimulator } from "../../dev/keepa-simulator/server.ts";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import type { NetlifyHandler } from "../../src/app/endpoint.ts";
import { fakeContext } from "./context.ts";

const NO_LATENCY = { token: 0, product: 0, offers: 0, query: 0, bestsellers: 0, category: 0, search: 0, deal: 0 };

/** The simulator (default 8000-book catalogue, manual clock, no latency) with the functions pointed at it. */
export async function startSimulatorForFunctions(): Promise<RunningSimulator> {
  const running = await startKeepaSimulator({ seed: 7, latencyMs: NO_LATENCY, clock: { mode: "manual" } });
  process.env.KEEPA_BASE_URL = running.url;
  return running;
}

/** This file's simulator for function tests: closed after the file; every test starts on a fresh ledger and cache. */
export async function useFunctionsSimulator(): Promise<RunningSimulator> {
  const running = await startSimulatorForFunctions();
  afterAll(() => running.close());
  beforeEach(() => freshPrefix());
  return running;
}

const basePrefix = process.env.LEDGER_PREFIX ?? "t";
let prefixes = 0;

/** A fresh ledger and cache (new Redis key prefix): the next request starts cold. */
export function freshPrefix(): void {
  prefixes += 1;
  process.env.LEDGER_PREFIX = `${basePrefix}:p${prefixes}`;
}

export type Called = {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { tokens?: Tokens };
  spent: number;
  requests: number;
};
export type Tokens = {
  action: string;
  reserved: number;
  spent: number;
  released: number;
  partial: boolean;
  cacheHits?: { discovery: number; products: number };
};

/**
 * Calls a handler the way Netlify would and measures what the simulator charged meanwhile, checking the invariants
 * every endpoint must keep: Keepa spend ≤ the reservation, the simulator balance never below 0, no Keepa 429.
 */
export async function call(
  sim: RunningSimulator,
  handler: NetlifyHandler,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Called> {
  const before = sim.sim.state();
  const logBefore = sim.sim.getLog().length;
  const headers: Record<string, string> = { authorization: `Bearer ${LOCAL_API_KEY}` };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const response = await handler(request, fakeContext());
  const body = (await response.json()) as Called["body"];
  const after = sim.sim.state();
  const requests = sim.sim
    .getLog()
    .slice(logBefore)
    .filter((e) => e.endpoint !== null && e.endpoint !== "token").length;
  const spent = after.consumed - before.consumed;
  expect(spent, "Keepa spend ≤ reservation").toBeLessThanOrEqual(body.tokens?.reserved ?? 0);
  if (body.tokens) expect(body.tokens.spent, "reported spend = simulator charge").toBe(spent);
  expect(after.minBalance, "simulator balance never < 0").toBeGreaterThanOrEqual(0);
  expect(after.rejected429, "no Keepa 429").toBe(0);
  return { status: response.status, headers: response.headers, body, spent, requests };
}
