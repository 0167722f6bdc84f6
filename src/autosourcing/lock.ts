import type { Redis } from "@upstash/redis";

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export type ProfileLock = { key: string; token: string; release(): Promise<void> };

export const profileLockKey = (prefix: string, profileId: string): string => `${prefix}:autosourcing:lock:${profileId}`;

/**
 * One job per profile at a time: SET NX PX with a random token. The TTL outlives the worker, so a killed worker's
 * lock expires by itself; release deletes only our own token (compare-and-delete), never a successor's lock.
 */
export async function acquireProfileLock(redis: Redis, prefix: string, profileId: string, ttlMs: number): Promise<ProfileLock | undefined> {
  const key = profileLockKey(prefix, profileId);
  const token = crypto.randomUUID();
  const result = await redis.set(key, token, { nx: true, px: ttlMs });
  if (result !== "OK") return undefined;
  return { key, token, release: async () => void (await redis.eval(RELEASE, [key], [token])) };
}

/** How long until a held lock expires (ms), for the skip's retry time. */
export async function lockTtlMs(redis: Redis, prefix: string, profileId: string): Promise<number> {
  const ttl = Number(await redis.pttl(profileLockKey(prefix, profileId)));
  return Number.isFinite(ttl) && ttl > 0 ? ttl : 60_000;
}
