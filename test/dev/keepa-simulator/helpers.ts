import { afterAll, beforeEach } from "vitest";
import type { Envelope } from "../../../dev/keepa-simulator/envelope.ts";
import {
  DEV_KEEPA_KEY,
  startKeepaSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from "../../../dev/keepa-simulator/index.ts";

export const KEY = DEV_KEEPA_KEY;
export const MINUTE = 60_000;

export type Body = Record<string, unknown> & Envelope;

export const ENVELOPE_KEYS = [
  "timestamp",
  "tokensLeft",
  "refillIn",
  "refillRate",
  "tokenFlowReduction",
  "tokensConsumed",
  "processingTimeInMs",
];

/** Small catalogue + manual clock keeps every test fast and deterministic. */
export function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startKeepaSimulator({ catalogueSize: 1500, clock: { mode: "manual" }, ...options });
}

/** This file's simulator: started once, closed after the file, reset before each test. */
export async function useSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSim(options);
  afterAll(() => sim.close());
  beforeEach(() => sim.sim.reset());
  return sim;
}

export async function call(
  sim: RunningSimulator,
  path: string,
  params: Record<string, string | number> = {},
  init?: RequestInit,
): Promise<{ status: number; body: Body }> {
  const qs = new URLSearchParams(Object.entries({ key: KEY, ...params }).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${sim.url}${path}?${qs.toString()}`, init);
  return { status: res.status, body: (await res.json()) as Body };
}

export async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  json?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return (await res.json()) as Record<string, unknown>;
}

export const selection = (s: Record<string, unknown>): string => JSON.stringify(s);
