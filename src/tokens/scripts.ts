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
