import type { KeepaClient } from "../keepa/client.ts";
import { getRedis } from "../shared/redis.ts";
import { bootstrapLedger } from "./bootstrap.ts";
import type { BootstrapOutcome } from "./bootstrap.ts";
import type { TokenLedger } from "./ledger.ts";
import type { ReserveRequest, ReserveResult } from "./types.ts";

export type AdmitOutcome = {
  result: ReserveResult;
  /** Whether the balance had to be learned first, and how that went (logged: a 503 `stale` says why). */
  bootstrap: BootstrapOutcome | "not_needed";
};

const needsSync = (result: ReserveResult) => !result.allowed && (result.reason === "state_unknown" || result.reason === "stale");

/**
 * reserve, and when the ledger does not know the balance (first deploy, flushed store, stale, crashed lease),
 * learn it once for free through the single-flight /token bootstrap and try exactly once more.
 */
export async function admit(ledger: TokenLedger, request: ReserveRequest, keepaForSync: () => Pick<KeepaClient, "tokenStatus">): Promise<AdmitOutcome> {
  const askedAt = ledger.now();
  const first = await ledger.reserve(request);
  if (!needsSync(first)) return { result: first, bootstrap: "not_needed" };
  const bootstrap = await bootstrapLedger({ redis: getRedis(), ledger, keepa: keepaForSync(), notBefore: askedAt });
  if (bootstrap === "failed") return { result: first, bootstrap };
  return { result: await ledger.reserve(request), bootstrap };
}
