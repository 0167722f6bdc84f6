import type { KeepaClient } from "../keepa/client.ts";
import { getRedis } from "../shared/redis.ts";
import { bootstrapLedger } from "./bootstrap.ts";
import type { TokenLedger } from "./ledger.ts";
import type { ReserveRequest, ReserveResult } from "./types.ts";

const needsSync = (result: ReserveResult) => !result.allowed && (result.reason === "state_unknown" || result.reason === "stale");

/**
 * reserve, and when the ledger does not know the balance (first deploy, flushed store, stale, crashed lease),
 * learn it once for free through the single-flight /token bootstrap and try exactly once more.
 */
export async function admit(ledger: TokenLedger, request: ReserveRequest, keepaForSync: () => Pick<KeepaClient, "tokenStatus">): Promise<ReserveResult> {
  const first = await ledger.reserve(request);
  if (!needsSync(first)) return first;
  const outcome = await bootstrapLedger({ redis: getRedis(), ledger, keepa: keepaForSync() });
  if (outcome === "failed") return first;
  return ledger.reserve(request);
}
