import { createKeepaClient } from "../keepa/client.ts";
import type { KeepaClient } from "../keepa/client.ts";
import type { KeepaMeter } from "../keepa/types.ts";
import { getConfig } from "./config.ts";
import type { AppConfig } from "./config.ts";

/** The simulator's documented key (dev/keepa-simulator): accepted only when Keepa is on loopback. */
export const LOCAL_KEEPA_KEY = "arbitragevault-local-dev-key";

const isLoopback = (url: string) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

/** Local mode: no real key and Keepa is the simulator on this machine. */
export function isLocalKeepa(config: AppConfig = getConfig()): boolean {
  return config.KEEPA_API_KEY === undefined && isLoopback(config.KEEPA_BASE_URL);
}

export function keepaApiKey(config: AppConfig = getConfig()): string {
  if (config.KEEPA_API_KEY !== undefined) return config.KEEPA_API_KEY;
  if (isLocalKeepa(config)) return LOCAL_KEEPA_KEY;
  throw new Error("KEEPA_API_KEY is missing (only a loopback KEEPA_BASE_URL may run without it)");
}

export type KeepaForFunction = { meter?: KeepaMeter; deadline?: () => number | undefined };

/** The product's Keepa client: the one road to Keepa, metered by the caller's budget when it has one. */
export function keepaClient(options: KeepaForFunction = {}): KeepaClient {
  const config = getConfig();
  return createKeepaClient({
    apiKey: keepaApiKey(config),
    baseUrl: config.KEEPA_BASE_URL,
    ...(options.meter ? { meter: options.meter } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  });
}
