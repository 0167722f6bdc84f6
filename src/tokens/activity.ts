import { createHash, randomUUID } from "node:crypto";
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
  // The id makes each entry a row a page cursor can point at (two requests can share `at`).
  pipeline.lpush(k.activity, JSON.stringify({ id: randomUUID(), ...entry }));
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

/** A cursor this code did not hand out: the caller's mistake (400), unlike a store failure. */
export class CursorError extends Error {
  override readonly name = "CursorError";
}

/** One page of a list read with a keyset cursor: the rows after the cursor, and the cursor of the last one shown. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** An opaque cursor: the sort key of the last row a page showed, base64url JSON. */
const encodeCursor = (key: readonly [string, string]) => Buffer.from(JSON.stringify(key)).toString("base64url");

function decodeCursor(cursor: string | undefined): readonly [string, string] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === "string"))
      return [key[0] as string, key[1] as string];
  } catch {
    // Not ours: refused below like any other malformed cursor.
  }
  throw new CursorError("malformed cursor");
}

/** Rows sorted by `key`, those after the cursor, `limit` of them, and the cursor of the last when more follow. */
function pageOf<T>(rows: T[], key: (row: T) => readonly [string, string], limit: number, cursor?: string): Page<T> {
  const after = decodeCursor(cursor);
  const compare = (a: readonly [string, string], b: readonly [string, string]) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1;
  const sorted = rows.map((row) => ({ row, k: key(row) })).sort((a, b) => compare(a.k, b.k));
  const rest = after === undefined ? sorted : sorted.filter((entry) => compare(entry.k, after) > 0);
  const shown = rest.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((entry) => entry.row),
    nextCursor: rest.length > limit && last ? encodeCursor(last.k) : null,
  };
}

/** A guarded request as listed: with its id (entries written before ids existed get one from their content). */
export type ActivityRow = ActivityEntry & { id: string };

/**
 * The latest guarded requests, newest first, one keyset page at a time (`at` then `id`, descending): the list holds
 * at most 200, so a page reads it whole and a cursor still finds its place after new requests were pushed.
 * @throws CursorError on a cursor this did not hand out
 */
export async function activityPage(
  redis: Redis,
  prefix: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ActivityRow>> {
  const raw = await redis.lrange<unknown>(keys(prefix).activity, 0, MAX_ENTRIES - 1);
  const rows = raw.map((item): ActivityRow => {
    const text = typeof item === "string" ? item : JSON.stringify(item);
    const entry = (typeof item === "string" ? JSON.parse(item) : item) as ActivityEntry & { id?: string };
    return { ...entry, id: entry.id ?? createHash("sha256").update(text).digest("hex").slice(0, 32) };
  });
  // Descending: the complement of each character sorts the newest first under the ascending keyset order.
  const desc = (text: string) => [...text].map((c) => String.fromCharCode(0xffff - c.charCodeAt(0))).join("");
  return pageOf(rows, (row) => [desc(row.at), desc(row.id)], page.limit, page.cursor);
}

/**
 * Balance samples since `since`, oldest first, one keyset page at a time (the sample's time, then its member).
 * @throws CursorError on a cursor this did not hand out
 */
export async function balanceHistoryPage(
  redis: Redis,
  prefix: string,
  since: number,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<BalancePoint>> {
  const members = await redis.zrange<string[]>(keys(prefix).history, since, "+inf", { byScore: true });
  const points = members.map((member) => {
    const [at, available] = member.split(":");
    return { at: new Date(Number(at)).toISOString(), available: Number(available), member };
  });
  const found = pageOf(points, (p) => [p.at, p.member], page.limit, page.cursor);
  return { items: found.items.map(({ at, available }) => ({ at, available })), nextCursor: found.nextCursor };
}

export async function balanceHistory(redis: Redis, prefix: string, since: number): Promise<BalancePoint[]> {
  const members = await redis.zrange<string[]>(keys(prefix).history, since, "+inf", { byScore: true });
  return members.map((member) => {
    const [at, available] = member.split(":");
    return { at: new Date(Number(at)).toISOString(), available: Number(available) };
  });
}
