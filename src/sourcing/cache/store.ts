import type { Redis } from "@upstash/redis";
import { log } from "../../shared/index.ts";

/**
 * JSON values in Redis with a TTL. A cache must never turn a working request into a failure: a read error is a
 * miss and a write error is logged (logged, not swallowed); the ledger, not the cache, guards the tokens.
 */
export class JsonStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  async getMany<T>(keys: readonly string[], parse: (raw: unknown) => T | undefined): Promise<(T | undefined)[]> {
    if (!this.enabled || keys.length === 0) return keys.map(() => undefined);
    try {
      const raw = await this.redis.mget<(string | null)[]>(...keys);
      return raw.map((value) => (typeof value === "string" ? safeParse(value, parse) : undefined));
    } catch (error) {
      log("warn", "cache read failed; treating as a miss", { keys: keys.length, error: String(error) });
      return keys.map(() => undefined);
    }
  }

  async setMany(entries: readonly { key: string; value: unknown }[]): Promise<void> {
    if (!this.enabled || entries.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const entry of entries) pipeline.set(entry.key, JSON.stringify(entry.value), { ex: this.ttlSeconds });
      await pipeline.exec();
    } catch (error) {
      log("warn", "cache write failed; the next request pays for this data again", {
        keys: entries.length,
        error: String(error),
      });
    }
  }
}

function safeParse<T>(raw: string, parse: (value: unknown) => T | undefined): T | undefined {
  try {
    return parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
}
