import type { EndpointContext } from "../shared/http/endpoint.ts";
import { jsonResponse } from "../shared/http/problem.ts";
import { keepaClient } from "../shared/keepa.ts";
import { getRedis } from "../shared/redis.ts";
import { getConfig } from "../shared/config.ts";
import { recordBalance } from "./activity.ts";
import { bootstrapLedger } from "./bootstrap.ts";
import { isLedgerError } from "./errors.ts";
import { getCostRegistry, getLedger } from "./from-config.ts";
import { storeUnavailableProblem } from "./refusal.ts";
import { tokenView } from "./view.ts";

/**
 * The token view at 0 tokens: the stored snapshot, refreshed through the free single-flight /token only when it is
 * unknown or older than `refreshAfterMs` (never a paid request, never a loop).
 */
export async function tokenStatusResponse(ctx: EndpointContext, refreshAfterMs: number): Promise<Response> {
  try {
    const ledger = getLedger();
    let status = await ledger.status();
    const age = status.syncedAt === null ? Infinity : status.now - status.syncedAt;
    let refreshed: string = "not_needed";
    if (!status.known || status.needsResync || age > refreshAfterMs) {
      refreshed = await bootstrapLedger({ redis: getRedis(), ledger, keepa: keepaClient() });
      status = await ledger.status();
    }
    ctx.log.set({ refreshed });
    const config = getConfig();
    const view = tokenView(status, getCostRegistry(), { interactiveFloor: config.INTERACTIVE_FLOOR, batchReserveFraction: config.BATCH_RESERVE_FRACTION });
    if (status.available !== null && typeof ctx.netlify.waitUntil === "function") {
      ctx.netlify.waitUntil(recordBalance(getRedis(), config.LEDGER_PREFIX, status.now, status.available).catch(() => undefined));
    }
    const headers: Record<string, string> = view.balance.available === null ? {} : { "x-token-balance": String(Math.max(0, view.balance.available)) };
    return jsonResponse({ ...view, refreshed }, { headers });
  } catch (error) {
    if (isLedgerError(error)) throw storeUnavailableProblem("token_status");
    throw error;
  }
}
