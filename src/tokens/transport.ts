import type { Redis } from "@upstash/redis";
import { LedgerCorruptError, LedgerUnavailableError } from "./errors.ts";
import { createHash } from "node:crypto";
import { RESERVE_LUA } from "./lua/reserve.ts";
import { SETTLE_LUA } from "./lua/settle.ts";
import { STATUS_LUA } from "./lua/status.ts";
import { SYNC_LUA } from "./lua/sync.ts";
import { UNLOCK_LUA } from "./lua/unlock.ts";

export type LedgerScript = { name: "reserve" | "settle" | "sync" | "status" | "unlock"; source: string; sha1: string };

function script(name: LedgerScript["name"], source: string): LedgerScript {
  return { name, source, sha1: createHash("sha1").update(source).digest("hex") };
}

/** Hashes computed at load (what EVALSHA needs); a test pins them so a script change is always deliberate. */
export const SCRIPTS = {
  reserve: script("reserve", RESERVE_LUA),
  settle: script("settle", SETTLE_LUA),
  sync: script("sync", SYNC_LUA),
  status: script("status", STATUS_LUA),
  unlock: script("unlock", UNLOCK_LUA),
} as const;

export type ScriptArg = string | number;

/** A script reply is a flat array of strings and integers; anything else means the store is not what we think. */
function checkTuple(script: LedgerScript, reply: unknown, length: number): (string | number)[] {
  const ok =
    Array.isArray(reply) &&
    reply.length === length &&
    reply.every((v) => typeof v === "string" || typeof v === "number");
  if (!ok) throw new LedgerCorruptError(`script ${script.name} returned an unexpected reply`);
  return reply as (string | number)[];
}

const isNoScript = (error: unknown) => error instanceof Error && error.message.toLowerCase().includes("noscript");

/**
 * The only way the ledger talks to Redis: EVALSHA, and EVAL once when the server does not have the script yet
 * (NOSCRIPT after a restart or SCRIPT FLUSH). Any other failure is the store being unavailable: fail closed.
 */
export async function runScript(
  redis: Redis,
  script: LedgerScript,
  keys: string[],
  args: ScriptArg[],
  replyLength: number,
): Promise<(string | number)[]> {
  const argv = args.map(String);
  let reply: unknown;
  try {
    reply = await redis.evalsha(script.sha1, keys, argv);
  } catch (error) {
    if (!isNoScript(error))
      throw new LedgerUnavailableError(`ledger store failed running ${script.name}`, { cause: error });
    try {
      reply = await redis.eval(script.source, keys, argv);
    } catch (retryError) {
      throw new LedgerUnavailableError(`ledger store failed running ${script.name}`, { cause: retryError });
    }
  }
  return checkTuple(script, reply, replyLength);
}
