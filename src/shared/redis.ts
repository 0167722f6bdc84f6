import { Redis } from "@upstash/redis";
import { getConfig } from "./config.ts";

/** Budget for one Redis round trip; past it the ledger fails closed rather than letting a request through. */
export const REDIS_TIMEOUT_MS = 1500;

let cached: { key: string; client: Redis } | undefined;

/** The Upstash REST client production uses; locally it points at the dev bridge (same client, other URL). */
export function getRedis(): Redis {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = getConfig();
  const key = `${url}\n${token}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: new Redis({
        url,
        token,
        enableTelemetry: false,
        automaticDeserialization: false,
        retry: { retries: 1, backoff: () => 25 },
        signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
      }),
    };
  }
  return cached.client;
}
