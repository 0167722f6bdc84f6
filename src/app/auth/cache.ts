import type { Redis } from "@upstash/redis";
import type { ApiIdentity } from "./types.ts";

/**
 * How long a lookup is trusted. It bounds revocation latency only when the revoker cannot reach Redis: `keys revoke`
 * deletes the entry, so a revoked key normally stops working at once.
 */
export const KEY_CACHE_TTL_SECONDS = 30;
const MISS = "none";

export const keyCacheKey = (prefix: string, keyHash: string) => `${prefix}:auth:key:${keyHash}`;

/**
 * A cached identity, `null` for a cached "no such active key", undefined when not cached. Throws when Redis fails:
 * the caller then answers 503 at once rather than pay a second timeout or send every request to Postgres.
 */
export async function cachedIdentity(
  redis: Redis,
  prefix: string,
  keyHash: string,
): Promise<ApiIdentity | null | undefined> {
  const value = await redis.get<string>(keyCacheKey(prefix, keyHash));
  if (value === null || value === undefined) return undefined;
  try {
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

/**
 * Drops the keys' cached lookups under every prefix of this Redis: deployments (and test files) share a Redis under
 * different LEDGER_PREFIXes, and a revocation must reach all of them, not only the revoker's own. @returns entries
 * removed
 */
export async function evictIdentity(redis: Redis, keyHashes: readonly string[]): Promise<number> {
  let removed = 0;
  for (const hash of keyHashes) {
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, { match: `*:auth:key:${hash}`, count: 1000 });
      cursor = String(next);
      if (found.length > 0) removed += await redis.del(...found);
    } while (cursor !== "0");
  }
  return removed;
}
