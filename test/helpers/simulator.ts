import { afterAll } from "vitest";
import { startKeepaSimulator } from "../../dev/keepa-simulator/server.ts";
import type { RunningSimulator, SimulatorOptions } from "../../dev/keepa-simulator/server.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";

const NO_LATENCY = { token: 0, product: 0, offers: 0, query: 0, bestsellers: 0, category: 0, search: 0, deal: 0 };

/** Starts the Keepa simulator for this test file and points the functions' config at it (local mode). */
export async function useSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const running = await startKeepaSimulator({
    seed: 11,
    catalogueSize: 1500,
    clock: { mode: "manual" },
    latencyMs: NO_LATENCY,
    ...options,
  });
  process.env.KEEPA_BASE_URL = running.url;
  afterAll(() => running.close());
  return running;
}

/** Keepa-side requests other than the free /token, i.e. the ones that could spend tokens. */
export function spendingRequests(running: RunningSimulator): number {
  return running.sim.getLog().filter((entry) => entry.path !== "/token").length;
}

export const AUTH = { authorization: `Bearer ${LOCAL_API_KEY}` };
