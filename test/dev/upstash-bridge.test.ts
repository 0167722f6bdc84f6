import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const stack = inject("stack");
const prefix = `bridge-test:${process.pid}:`;

for (const enableAutoPipelining of [true, false]) {
  describe(`Upstash bridge with @upstash/redis (autoPipelining ${enableAutoPipelining})`, () => {
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis({
        url: stack.upstashUrl,
        token: stack.upstashToken,
        enableTelemetry: false,
        enableAutoPipelining,
      });
    });
    afterAll(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    });

    it("round-trips strings that look like base64, unicode, objects and nulls", async () => {
      await redis.set(`${prefix}a`, "abcd");
      await redis.set(`${prefix}u`, "żółw — 亀");
      await redis.set(`${prefix}o`, { x: 1 });
      expect(await redis.get(`${prefix}a`)).toBe("abcd");
      expect(await redis.get(`${prefix}u`)).toBe("żółw — 亀");
      expect(await redis.get(`${prefix}o`)).toEqual({ x: 1 });
      expect(await redis.get(`${prefix}missing`)).toBeNull();
      expect(await redis.mget(`${prefix}a`, `${prefix}missing`)).toEqual(["abcd", null]);
    });

    it("runs hashes, counters and sorted sets with RESP2 shapes", async () => {
      await redis.hset(`${prefix}h`, { f1: "v1", f2: "7" });
      expect(await redis.hgetall(`${prefix}h`)).toEqual({ f1: "v1", f2: 7 });
      expect(await redis.incrby(`${prefix}n`, 5)).toBe(5);
      await redis.zadd(`${prefix}z`, { score: 2, member: "b" }, { score: 1, member: "a" });
      expect(await redis.zrange(`${prefix}z`, 0, -1, { withScores: true })).toEqual(["a", 1, "b", 2]);
    });

    it("evaluates scripts and falls back from EVALSHA to EVAL after SCRIPT FLUSH", async () => {
      const script = redis.createScript<number>(
        `return redis.call("INCRBY", KEYS[1], ARGV[1]) + ${enableAutoPipelining ? 0 : 1000}`,
      );
      await redis.scriptFlush();
      expect(await script.exec([`${prefix}s`], ["3"])).toBe(enableAutoPipelining ? 3 : 1003);
      expect(await script.exec([`${prefix}s`], ["4"])).toBe(enableAutoPipelining ? 7 : 1007);
      expect(await redis.eval("return {1, 'two', false}", [], [])).toEqual([1, "two", null]);
    });

    it("executes pipelines (errors kept per entry) and atomic multi-exec", async () => {
      const pipeline = redis.pipeline();
      pipeline.set(`${prefix}p`, "x");
      pipeline.incr(`${prefix}p`);
      pipeline.get(`${prefix}p`);
      const results = await pipeline.exec({ keepErrors: true });
      expect(results[0]).toEqual({ result: "OK", error: undefined });
      expect(results[1]?.error).toMatch(/not an integer/);
      const tx = redis.multi();
      tx.set(`${prefix}m`, 1);
      tx.incr(`${prefix}m`);
      expect(await tx.exec()).toEqual(["OK", 2]);
    });

    it("reports Redis errors as UpstashError", async () => {
      await redis.set(`${prefix}w`, "string");
      await expect(redis.lpush(`${prefix}w`, "x")).rejects.toThrow(/WRONGTYPE/);
    });
  });
}

describe("Upstash bridge auth", () => {
  it("refuses a wrong token with 401", async () => {
    const redis = new Redis({ url: stack.upstashUrl, token: "wrong", enableTelemetry: false, retry: false });
    await expect(redis.get("x")).rejects.toThrow(/Unauthorized/);
  });
});
