import { Redis } from "@upstash/redis";
import type { AppConfig } from "./config.ts";

/** Budget for one Redis round trip; past it the ledger fails closed rather than letting a request through. */
export const REDIS_TIMEOUT_MS = 1500;

/** The Upstash REST client production uses; locally it points at the dev bridge (same client, other URL). */
export function createRedis(config: Pick<AppConfig, "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN">): Redis {
  return new Redis({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    enableTelemetry: false,
    automaticDeserialization: false,
    retry: { retries: 1, backoff: () => 25 },
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
  });
}
