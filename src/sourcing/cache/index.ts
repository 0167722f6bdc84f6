import { getConfig } from "../../shared/config.ts";
import { getRedis } from "../../shared/redis.ts";
import { SourcingCache } from "./sourcing-cache.ts";

export { SourcingCache } from "./sourcing-cache.ts";
export type { CachedDiscovery, SourcingCacheOptions } from "./sourcing-cache.ts";

/** This deployment's cache (Redis via the Upstash client, keys under LEDGER_PREFIX, TTLs from the config). */
export function sourcingCache(): SourcingCache {
  const config = getConfig();
  return new SourcingCache({
    redis: getRedis(),
    prefix: config.LEDGER_PREFIX,
    productTtlSeconds: config.PRODUCT_CACHE_TTL_SECONDS,
    discoveryTtlSeconds: config.DISCOVERY_CACHE_TTL_SECONDS,
  });
}
