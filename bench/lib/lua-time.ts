// The ledger's Lua time per call, read from Redis's own SLOWLOG: every command is logged for the duration of a run
// (threshold 0), and only the entries of our scripts under the run's key prefix are kept, so other clients of the
// same server do not count. The server's settings are restored afterwards.
import { Redis as IORedis } from "ioredis";
import { LOCAL_REDIS_URL } from "../../dev/services.ts";
import { SCRIPTS } from "../../src/tokens/index.ts";
import { percentile } from "./stats.ts";

export type LuaTime = { script: string; calls: number; meanUs: number; p50Us: number; p99Us: number; maxUs: number };

type SlowEntry = [id: number, at: number, durationUs: number, args: string[]];

const BY_SHA = new Map<string, string>(Object.values(SCRIPTS).map((s) => [s.sha1, s.name]));
const LOG_LEN = 1_000_000;

/** Runs `work` with every command logged; returns its result and the ledger scripts' times under `prefix`. */
export async function withLuaTimes<T>(prefix: string, work: () => Promise<T>): Promise<{ value: T; lua: LuaTime[] }> {
  const redis = new IORedis(LOCAL_REDIS_URL, { maxRetriesPerRequest: 1 });
  const [, threshold] = (await redis.config("GET", "slowlog-log-slower-than")) as [string, string];
  const [, length] = (await redis.config("GET", "slowlog-max-len")) as [string, string];
  try {
    await redis.config("SET", "slowlog-max-len", String(LOG_LEN));
    await redis.config("SET", "slowlog-log-slower-than", "0");
    await redis.slowlog("RESET");
    const value = await work();
    const entries = (await redis.slowlog("GET", LOG_LEN)) as SlowEntry[];
    return { value, lua: summarize(entries, prefix) };
  } finally {
    await redis.config("SET", "slowlog-log-slower-than", threshold);
    await redis.config("SET", "slowlog-max-len", length);
    redis.disconnect();
  }
}

function summarize(entries: SlowEntry[], prefix: string): LuaTime[] {
  const times = new Map<string, number[]>();
  for (const [, , us, args] of entries) {
    const [command, sha, , firstKey] = args;
    if (command?.toUpperCase() !== "EVALSHA" || !sha || !firstKey?.startsWith(prefix)) continue;
    const name = BY_SHA.get(sha) ?? "other";
    const list = times.get(name) ?? [];
    list.push(us);
    times.set(name, list);
  }
  return [...times.entries()].map(([script, us]) => ({
    script,
    calls: us.length,
    meanUs: us.reduce((a, b) => a + b, 0) / us.length,
    p50Us: percentile(us, 50),
    p99Us: percentile(us, 99),
    maxUs: Math.max(...us),
  }));
}

/** "reserve 1,000 calls, mean 41 µs, p99 90 µs; settle …" */
export const luaSummary = (lua: LuaTime[]) =>
  lua
    .sort((a, b) => b.calls - a.calls)
    .map((l) => `${l.script} × ${l.calls}: mean ${l.meanUs.toFixed(0)} µs, p99 ${l.p99Us.toFixed(0)} µs`)
    .join("; ") || "–";
