import type { SimClockMode } from "./clock.ts";
import type { CostOverrides } from "./costs.ts";
import type { LatencyKey } from "./routes/types.ts";

export const DEV_KEEPA_KEY = "arbitragevault-local-dev-key";

export type KeyConfig = { rate: number; balance?: number; tokenFlowReduction?: number };

export type SimulatorOptions = {
  port?: number;
  host?: string;
  seed?: number;
  catalogueSize?: number;
  keys?: Record<string, KeyConfig>;
  clock?: { mode: SimClockMode; scale?: number; startMs?: number };
  latencyMs?: Partial<Record<LatencyKey, number>>;
  chargeAt?: "complete" | "admit";
  /** Overrides for the token cost table (costs.ts). */
  costs?: CostOverrides;
};
