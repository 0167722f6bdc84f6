export { SourcingCache } from "./sourcing-cache.ts";
export type { CacheReadOptions, CachedDiscovery, SourcingCacheOptions } from "./sourcing-cache.ts";
export { canonicalJson, cacheKeys, discoveryListId } from "./keys.ts";
