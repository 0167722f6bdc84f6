import { expect } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import { fakeContext } from "./context.ts";
import { AUTH } from "./simulator.ts";

/** What the function tests run on: the simulator's default 8000-book catalogue, every test on a cold ledger. */
export const FUNCTIONS_SIMULATOR = { seed: 7, catalogueSize: 8000, freshPrefixPerTest: true } as const;

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
 * With `runtime` the handler is served on it (the config a test built) instead of the instance's.
 */
export async function call(
  sim: RunningSimulator,
  handler: EndpointHandler<Runtime>,
  path: string,
  init: { method?: string; body?: unknown; runtime?: Runtime } = {},
): Promise<Called> {
  const before = sim.sim.state();
  const logBefore = sim.sim.getLog().length;
  const headers: Record<string, string> = { ...AUTH };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const response = await handler.serve(request, fakeContext(), init.runtime);
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
