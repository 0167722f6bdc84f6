import type { KeepaClient } from "../keepa/client.ts";
import { isKeepaError } from "../keepa/errors/index.ts";
import type { KeepaError } from "../keepa/errors/index.ts";
import type { EndpointContext } from "../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse } from "../shared/http/problem.ts";
import { keepaClient } from "../shared/keepa.ts";
import { log } from "../shared/log.ts";
import { admit } from "./admission.ts";
import { TokenBudget } from "./budget.ts";
import type { BudgetSummary, ChargeMode } from "./budget.ts";
import { actionCost } from "./costs.ts";
import type { ActionName } from "./costs.ts";
import { isLedgerError } from "./errors.ts";
import { getCostRegistry, getLedger } from "./from-config.ts";
import { refusalProblem, retryAfterSeconds, storeUnavailableProblem } from "./refusal.ts";
import type { Reservation } from "./types.ts";

export type GuardedContext = EndpointContext & { budget: TokenBudget; keepa: KeepaClient; reservation: Reservation };
export type GuardedResult = { body: Record<string, unknown>; status?: number; headers?: Record<string, string> };
export type GuardedHandler<TInput> = (input: TInput, ctx: GuardedContext) => Promise<GuardedResult>;

export type RequireTokensOptions<TInput> = {
  /** Tokens to hold for this input: the plan's upper bound. @default the action's TOKEN_COSTS budget */
  cost?: (input: TInput) => number;
  /** Lease on the reservation; longer than the function may run. @default 60_000 */
  leaseMs?: number;
  /** How long the function may run; no Keepa request starts that could outlive it. @default 25_000 */
  timeLimitMs?: number;
  /** @default "deferred" for interactive actions, "immediate" for batch */
  chargeMode?: ChargeMode;
  /** The caller's daily token quota (API keys). @default none */
  quota?: (ctx: EndpointContext) => { apiKeyId: string; dailyLimit: number } | undefined;
};

/** Keepa answered 429 despite the ledger (an outside consumer of the key): the breaker is set; tell the caller when. */
function upstreamRefusal(action: string, error: KeepaError): HttpProblem {
  const env = error.envelope ?? {};
  const rate = env.refillRate ?? 0;
  const deficit = Math.max(0, -(env.tokensLeft ?? 0));
  const waitMs = rate > 0 ? (env.refillIn ?? 60_000) + Math.floor(deficit / rate) * 60_000 : 60_000;
  const seconds = retryAfterSeconds(waitMs);
  return new HttpProblem(
    { title: "Not enough Keepa tokens", status: 429, detail: `Keepa refused the request: its balance is exhausted — retry in ${seconds} s.`, action, reason: "upstream_blocked", balance: 0, required: 0, deficit, retryAfterSeconds: seconds },
    { "retry-after": String(seconds), "x-token-balance": "0" },
  );
}

function keepaProblem(action: string, error: KeepaError): HttpProblem {
  if (error.kind === "not_enough_tokens") return upstreamRefusal(action, error);
  return new HttpProblem({ title: "Bad Gateway", status: 502, detail: `Keepa request failed (${error.kind}); no retry was made that could be charged twice.`, action, reason: error.kind });
}

async function reserveOrRefuse(action: ActionName, cost: number, ctx: EndpointContext, options: RequireTokensOptions<never>): Promise<Reservation> {
  const registry = actionCost(getCostRegistry(), action);
  const quota = options.quota?.(ctx);
  const request = { action, cost, class: registry.class, leaseMs: options.leaseMs ?? 60_000, holder: `${ctx.netlify.requestId || "fn"}:${ctx.requestId}`, ...(quota ? { quota } : {}) };
  try {
    const result = await admit(getLedger(), request, () => keepaClient());
    if (result.allowed) return result;
    ctx.log.set({ action, reason: result.reason, balance: result.balance, required: result.required });
    throw refusalProblem(result);
  } catch (error) {
    if (isLedgerError(error)) {
      ctx.log.set({ action, reason: "store_unavailable" });
      throw storeUnavailableProblem(action);
    }
    throw error;
  }
}

async function releaseQuietly(budget: TokenBudget): Promise<BudgetSummary> {
  try {
    return await budget.release();
  } catch (error) {
    // The lease expires and is charged its estimate; the ledger stays safe without this release.
    log("warn", "token release failed", { reservationId: budget.reservation.id, error: String(error) });
    return budget.summary();
  }
}

/**
 * The guard every spending function uses: reserve → run with a budget-metered Keepa client → always release.
 * Refusals are 429/503/422 problems with Retry-After and X-Token-* headers; successes carry a `tokens` summary.
 */
export function requireTokens<TInput>(action: ActionName, handler: GuardedHandler<TInput>, options: RequireTokensOptions<TInput> = {}) {
  return async (input: TInput, ctx: EndpointContext): Promise<Response> => {
    const started = Date.now();
    const registry = actionCost(getCostRegistry(), action);
    const cost = options.cost ? options.cost(input) : registry.cost;
    const reservation = await reserveOrRefuse(action, cost, ctx, options as RequireTokensOptions<never>);
    const leaseMs = options.leaseMs ?? 60_000;
    const budget = new TokenBudget({ ledger: getLedger(), reservation, leaseMs, ...(options.chargeMode ? { chargeMode: options.chargeMode } : {}) });
    const deadline = started + (options.timeLimitMs ?? 25_000);
    const keepa = keepaClient({ meter: budget, deadline: () => deadline });
    let result: GuardedResult;
    try {
      result = await handler(input, { ...ctx, budget, keepa, reservation });
    } catch (error) {
      if (isKeepaError(error)) throw keepaProblem(action, error);
      throw error;
    } finally {
      const summary = await releaseQuietly(budget);
      ctx.log.set({ action, reservationId: reservation.id, reserved: summary.reserved, spent: summary.spent, released: summary.released, keepaRequests: summary.requests, partial: summary.partial });
    }
    const summary = budget.summary();
    const balance = Math.max(0, reservation.balanceAfter + summary.released);
    return jsonResponse(
      { ...result.body, tokens: { action, reserved: summary.reserved, spent: summary.spent, released: summary.released, partial: summary.partial, balance } },
      { status: result.status ?? 200, headers: { ...result.headers, "x-token-balance": String(balance) } },
    );
  };
}
