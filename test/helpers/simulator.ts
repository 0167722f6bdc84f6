import { afterAll, beforeEach } from "vitest";
import { startKeepaSimulator } from "../../dev/keepa-simulator/server.ts";
import type { RunningSimulator, SimulatorOptions } from "../../dev/keepa-simulator/server.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";

/** Keepa answers at once: tests measure tokens, not time. */
export const NO_LATENCY = {
  token: 0,
  product: 0,
  offers: 0,
  query: 0,
  bestsellers: 0,
  category: 0,
  search: 0,
  deal: 0,
};

/**
 * The one way a test starts the Keepa simulator: on a free loopback port, without latency, with the functions'
 * config pointed at it (local mode unless KEEPA_API_KEY is set). Callers close it, or use {@link useSimulator}.
 * @param options @default seed 11, a 1500-book catalogue, a manual clock
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const defaults: SimulatorOptions = {
    seed: 11,
    catalogueSize: 1500,
    clock: { mode: "manual" },
    latencyMs: NO_LATENCY,
  };
  const running = await startKeepaSimulator({ ...defaults, ...options });
  process.env.KEEPA_BASE_URL = running.url;
  return running;
}

/**
 * This file's simulator, closed after the file. With `freshPrefixPerTest` every test starts on a fresh ledger and
 * cache (a new Redis key prefix), so the next request starts cold.
 */
export async function useSimulator(
  options: SimulatorOptions & { freshPrefixPerTest?: boolean } = {},
): Promise<RunningSimulator> {
  const { freshPrefixPerTest, ...simulator } = options;
  const running = await startSimulator(simulator);
  afterAll(() => running.close());
  if (freshPrefixPerTest) beforeEach(() => freshPrefix());
  return running;
}

const basePrefix = process.env.LEDGER_PREFIX ?? "t";
let prefixes = 0;

/** A fresh ledger and cache (new Redis key prefix): the next request starts cold. */
export function freshPrefix(): void {
  prefixes += 1;
  process.env.LEDGER_PREFIX = `${basePrefix}:p${prefixes}`;
}

/** Keepa-side requests other than the free /token, i.e. the ones that could spend tokens. */
export function spendingRequests(running: RunningSimulator): number {
  return running.sim.getLog().filter((entry) => entry.path !== "/token").length;
}

export const bearer = (key: string = LOCAL_API_KEY): Record<string, string> => ({ authorization: `Bearer ${key}` });
export const AUTH = bearer();
