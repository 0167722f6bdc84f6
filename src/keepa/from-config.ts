import { isLocalMode } from "../shared/index.ts";
import type { AppConfig } from "../shared/index.ts";
import { createKeepaClient } from "./client.ts";
import type { KeepaClient } from "./client.ts";
import type { KeepaMeter, KeepaTimeoutClass } from "./types.ts";

/** The simulator's documented key (dev/keepa-simulator): used only in local mode (Keepa on loopback, no real key). */
export const LOCAL_KEEPA_KEY = "arbitragevault-local-dev-key";

export function keepaApiKey(config: AppConfig): string {
  if (config.KEEPA_API_KEY !== undefined) return config.KEEPA_API_KEY;
  if (isLocalMode(config)) return LOCAL_KEEPA_KEY;
  throw new Error("KEEPA_API_KEY is missing (only a loopback KEEPA_BASE_URL may run without it)");
}

/** What a caller may add to the deployment's client: its budget's meter, and when it must be done. */
export type KeepaClientScope = {
  meter?: KeepaMeter;
  deadline?: () => number | undefined;
  /** Per-class timeouts replacing the defaults, e.g. a shorter offers timeout for a person waiting. */
  timeouts?: Partial<Record<KeepaTimeoutClass, number>>;
};
export type KeepaClientFactory = (scope?: KeepaClientScope) => KeepaClient;

/**
 * The deployment's Keepa clients: one road to Keepa, with the key and base URL from the config and, per caller, the
 * meter of its reservation. Without a meter a client is for the free /token only (the bootstrap).
 */
export function keepaClientFactory(config: AppConfig): KeepaClientFactory {
  // Read per client, so a deployment without a key fails where Keepa is needed, not in every function.
  return (scope = {}) =>
    createKeepaClient({
      apiKey: keepaApiKey(config),
      baseUrl: config.KEEPA_BASE_URL,
      ...(scope.meter ? { meter: scope.meter } : {}),
      ...(scope.deadline ? { deadline: scope.deadline } : {}),
      ...(scope.timeouts ? { timeouts: scope.timeouts } : {}),
    });
}
