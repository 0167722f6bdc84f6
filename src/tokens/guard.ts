import type { KeepaClient } from "../keepa/client.ts";
import { isKeepaError } from "../keepa/errors/index.ts";
import type { KeepaError } from "../keepa/errors/index.ts";
import type { EndpointContext } from "../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse } from "../shared/http/problem.ts";
import { keepaClient } from "../shared/keepa.ts";
import { getConfig } from "../shared/config.ts";
import { getRedis } from "../shared/redis.ts";
import { recordActivity } from "./activity.ts";
import type { ActivityEntry } from "./activity.ts";
import { admit } from "./admission.ts";
import { incidentReporter, watchedMeter } from "./alerts.ts";
import { TokenBudget } from "./budget.ts";
import type { ChargeMode } from "./budget.ts";
import { actionCost } from "./costs.ts";
import type { ActionName, TokenClass } from "./costs.ts";
import { isLedgerError, LedgerUnavailableError } from "./errors.ts";
import { getCostRegistry, getLedger } from "./from-config.ts";
import { refusalProblem, retryAfterSeconds, storeUnavailableProblem } from "./refusal.ts";
import type { Reservation } from "./types.ts";

export type GuardedContext = EndpointContext & { budget: TokenBudget; keepa: KeepaClient; reservation: Reservation };
export type GuardedResult = {
  body: Record<string, unknown>;
  status?: number;
  headers?: Record<string, string>;
  /** Merged into the response's `tokens` summary (e.g. cache hits, a plan that shrank). */
  tokens?: Record<string, unknown>;
};
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
  /** The caller's daily token quota, enforced atomically with the reservation. @default the API key's (`ctx.auth`), if it has one */
  quota?: (ctx: EndpointContext) => { apiKeyId: string; dailyLimit: number } | undefined;
};

/**
 * Keepa answered 429 despite the ledger (someone else spends from the key). The budget has already tripped the shared
 * breaker; the caller is told to come back when it opens, which is what every other instance is told too.
 */
async function upstreamRefusal(action: string, error: KeepaError): Promise<HttpProblem> {
  const env = error.envelope ?? {};
  let waitMs = 60_000;
  try {
    const { breaker, now } = await getLedger().status();
    if (breaker.open && breaker.blockedUntil !== null) waitMs = breaker.blockedUntil - now;
  } catch {
    // The store is down too: a minute is a safe guess, and nothing will be admitted meanwhile anyway.
  }
  const seconds = retryAfterSeconds(waitMs);
  const deficit = Math.max(0, -(env.tokensLeft ?? 0));
  return new HttpProblem(
    { title: "Not enough Keepa tokens", status: 429, detail: `Keepa refused the request: its balance is exhausted — retry in ${seconds} s.`, action, reason: "upstream_blocked", balance: 0, required: 0, deficit, retryAfterSeconds: seconds },
    { "retry-after": String(seconds), "x-token-balance": "0" },
  );
}

async function keepaProblem(action: string, error: KeepaError): Promise<HttpProblem> {
  if (error.kind === "not_enough_tokens") return upstreamRefusal(action, error);
  return new HttpProblem({ title: "Bad Gateway", status: 502, detail: `Keepa request failed (${error.kind}); no retry was made that could be charged twice.`, action, reason: error.kind });
}

/** The authenticated key's quota, when it has one. */
function keyQuota(ctx: EndpointContext): { apiKeyId: string; dailyLimit: number } | undefined {
  const quota = ctx.auth?.dailyTokenQuota;
  return ctx.auth && quota !== null && quota !== undefined ? { apiKeyId: ctx.auth.apiKeyId, dailyLimit: quota } : undefined;
}

type Outcome = Pick<ActivityEntry, "status" | "reason" | "reserved" | "spent" | "released" | "balance"> & { available: number | null };

/** The dashboard's request list, written after the response (waitUntil): never on the user's critical path. */
function track(ctx: EndpointContext, action: string, started: number, { available, ...outcome }: Outcome): void {
  const entry: ActivityEntry = { at: new Date().toISOString(), fn: String(ctx.log.fields.fn ?? "unknown"), action, durationMs: Date.now() - started, ...outcome };
  const write = recordActivity(getRedis(), getConfig().LEDGER_PREFIX, entry, available).catch(() => undefined);
  if (typeof ctx.netlify.waitUntil === "function") ctx.netlify.waitUntil(write);
}

type Admission = { action: ActionName; cost: number; tokenClass: TokenClass; leaseMs: number; started: number };

/** A reserve lost in transit may still have run in Redis: release its id (a no-op if it never existed). */
function releaseLost(ctx: EndpointContext, error: LedgerUnavailableError): void {
  if (error.reservationId === undefined || typeof ctx.netlify.waitUntil !== "function") return;
  ctx.netlify.waitUntil(getLedger().release(error.reservationId, error.quotaKey ? { quotaKey: error.quotaKey } : {}).catch(() => undefined));
}

async function reserveOrRefuse(a: Admission, ctx: EndpointContext, options: RequireTokensOptions<never>): Promise<Reservation> {
  const quota = (options.quota ?? keyQuota)(ctx);
  const request = { action: a.action, cost: a.cost, class: a.tokenClass, leaseMs: a.leaseMs, holder: `${ctx.netlify.requestId || "fn"}:${ctx.requestId}`, ...(quota ? { quota } : {}) };
  try {
    const { result, bootstrap } = await admit(getLedger(), request, () => keepaClient());
    if (bootstrap !== "not_needed") ctx.log.set({ bootstrap });
    if (result.allowed) return result;
    ctx.log.set({ action: a.action, reason: result.reason, balance: result.balance, required: result.required });
    const problem = refusalProblem(result);
    const available = result.reason === "state_unknown" || result.reason === "stale" ? null : result.available;
    track(ctx, a.action, a.started, { status: problem.problem.status, reason: result.reason, reserved: 0, spent: 0, released: 0, balance: result.balance, available });
    throw problem;
  } catch (error) {
    if (!isLedgerError(error)) throw error;
    if (error instanceof LedgerUnavailableError) releaseLost(ctx, error);
    ctx.log.set({ action: a.action, reason: "store_unavailable" });
    throw storeUnavailableProblem(a.action);
  }
}

/** What escapes the handler: Keepa failures and ledger failures become answers; anything else stays a 500. */
async function handlerProblem(action: string, error: unknown): Promise<unknown> {
  if (isKeepaError(error)) return keepaProblem(action, error);
  if (isLedgerError(error)) return storeUnavailableProblem(action);
  return error;
}

/**
 * The guard every spending function uses: reserve → run with a budget-metered Keepa client → always release.
 * Refusals are 429/503/422 problems with Retry-After and X-Token-* headers; successes carry a `tokens` summary.
 */
export function requireTokens<TInput>(action: ActionName, handler: GuardedHandler<TInput>, options: RequireTokensOptions<TInput> = {}) {
  return async (input: TInput, ctx: EndpointContext): Promise<Response> => {
    const started = Date.now();
    const registry = actionCost(getCostRegistry(), action);
    const leaseMs = options.leaseMs ?? 60_000;
    const admission = { action, cost: options.cost ? options.cost(input) : registry.cost, tokenClass: registry.class, leaseMs, started };
    const reservation = await reserveOrRefuse(admission, ctx, options as RequireTokensOptions<never>);
    const budget = new TokenBudget({ ledger: getLedger(), reservation, leaseMs, ...(options.chargeMode ? { chargeMode: options.chargeMode } : {}) });
    const deadline = started + (options.timeLimitMs ?? 25_000);
    const keepa = keepaClient({ meter: watchedMeter(budget, incidentReporter(ctx, action)), deadline: () => deadline });
    let result: GuardedResult;
    try {
      result = await handler(input, { ...ctx, budget, keepa, reservation });
    } catch (error) {
      throw await handlerProblem(action, error);
    } finally {
      const summary = await budget.releaseQuietly();
      ctx.log.set({ action, reservationId: reservation.id, reserved: summary.reserved, spent: summary.spent, released: summary.released, keepaRequests: summary.requests, partial: summary.partial });
    }
    const summary = budget.summary();
    const balance = Math.max(0, reservation.balanceAfter + summary.released);
    ctx.log.set({ balanceAfter: balance, ...(result.tokens?.cacheHits !== undefined ? { cacheHits: result.tokens.cacheHits } : {}) });
    track(ctx, action, started, { status: result.status ?? 200, reason: summary.partial ? "partial" : null, reserved: summary.reserved, spent: summary.spent, released: summary.released, balance, available: balance + reservation.floor });
    return jsonResponse(
      { ...result.body, tokens: { action, reserved: summary.reserved, spent: summary.spent, released: summary.released, partial: summary.partial, balance, ...result.tokens } },
      { status: result.status ?? 200, headers: { ...result.headers, "x-token-balance": String(balance) } },
    );
  };
}
