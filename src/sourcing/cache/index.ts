export { SourcingCache } from "./sourcing-cache.ts";
export type { CacheReadOptions, CachedDiscovery, SourcingCacheOptions } from "./sourcing-cache.ts";
export { canonicalJson, cacheKeys } from "./keys.ts";
