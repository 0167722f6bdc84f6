import type { Redis } from "@upstash/redis";

/** One guarded request as the dashboard lists it. */
export type ActivityEntry = {
  at: string;
  fn: string;
  action: string;
  status: number;
  reason: string | null;
  reserved: number;
  spent: number;
  released: number;
  balance: number | null;
  durationMs: number;
};

export type BalancePoint = { at: string; available: number };

const MAX_ENTRIES = 200;
const HISTORY_MS = 2 * 3_600_000;

const keys = (prefix: string) => ({ activity: `${prefix}:activity`, history: `${prefix}:balance-history` });

/**
 * Appends a request (and, when known, the available balance after it) in one pipelined round trip. Callers run it
 * through `context.waitUntil`, off the response path: the dashboard is not worth a millisecond of a user's request.
 */
export async function recordActivity(
  redis: Redis,
  prefix: string,
  entry: ActivityEntry,
  available: number | null,
): Promise<void> {
  const k = keys(prefix);
  const pipeline = redis.pipeline();
  pipeline.lpush(k.activity, JSON.stringify(entry));
  pipeline.ltrim(k.activity, 0, MAX_ENTRIES - 1);
  // The sparkline plots `available` (floors included), the same measure /api/v1/tokens samples; `balance` is what
  // the request's class could still spend.
  if (available !== null) appendPoint(pipeline, k.history, Date.parse(entry.at), available);
  await pipeline.exec();
}

/** A balance sample without a request (the token view is read): keeps the sparkline alive in quiet hours. */
export async function recordBalance(redis: Redis, prefix: string, at: number, available: number): Promise<void> {
  const pipeline = redis.pipeline();
  appendPoint(pipeline, keys(prefix).history, at, available);
  await pipeline.exec();
}

function appendPoint(pipeline: ReturnType<Redis["pipeline"]>, key: string, at: number, available: number): void {
  pipeline.zadd(key, { score: at, member: `${at}:${Math.floor(available)}` });
  pipeline.zremrangebyscore(key, 0, at - HISTORY_MS);
}

export async function recentActivity(redis: Redis, prefix: string, limit = 50): Promise<ActivityEntry[]> {
  const raw = await redis.lrange<string>(keys(prefix).activity, 0, limit - 1);
  return raw.map((item) => JSON.parse(item) as ActivityEntry);
}

export async function balanceHistory(redis: Redis, prefix: string, since: number): Promise<BalancePoint[]> {
  const members = await redis.zrange<string[]>(keys(prefix).history, since, "+inf", { byScore: true });
  return members.map((member) => {
    const [at, available] = member.split(":");
    return { at: new Date(Number(at)).toISOString(), available: Number(available) };
  });
}
