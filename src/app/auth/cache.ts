import type { Redis } from "@upstash/redis";
import type { ApiIdentity } from "./types.ts";

/**
 * How long a lookup is trusted. It bounds revocation latency only when the revoker cannot reach Redis: `keys revoke`
 * deletes the entry, so a revoked key normally stops working at once.
 */
export const KEY_CACHE_TTL_SECONDS = 30;
const MISS = "none";

export const keyCacheKey = (prefix: string, keyHash: string) => `${prefix}:auth:key:${keyHash}`;

/** A cached identity, `null` for a cached "no such active key", undefined when not cached (or Redis failed). */
export async function cachedIdentity(
  redis: Redis,
  prefix: string,
  keyHash: string,
): Promise<ApiIdentity | null | undefined> {
  try {
    const value = await redis.get<string>(keyCacheKey(prefix, keyHash));
    if (value === null || value === undefined) return undefined;
    return value === MISS ? null : (JSON.parse(value) as ApiIdentity);
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only means the next request asks Postgres again. */
export async function cacheIdentity(
  redis: Redis,
  prefix: string,
  keyHash: string,
  identity: ApiIdentity | undefined,
): Promise<void> {
  try {
    await redis.set(keyCacheKey(prefix, keyHash), identity ? JSON.stringify(identity) : MISS, {
      ex: KEY_CACHE_TTL_SECONDS,
    });
  } catch {
    // Ignored on purpose: see above.
  }
}

export async function evictIdentity(redis: Redis, prefix: string, keyHashes: readonly string[]): Promise<void> {
  if (keyHashes.length === 0) return;
  await redis.del(...keyHashes.map((hash) => keyCacheKey(prefix, hash)));
}
