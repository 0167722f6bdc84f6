import type { KeepaClient } from "../keepa/index.ts";
import { jsonResponse, reportIncident } from "../shared/index.ts";
import { closedMeter } from "../sourcing/index.ts";
import type { ActionOutcome, PlannedAction } from "../sourcing/index.ts";
import { actionCost, recordActivity, watchedMeter, withReservation } from "../tokens/index.ts";
import type {
  ActionName,
  ActivityEntry,
  BudgetSummary,
  ChargeMode,
  Reservation,
  SpendOutcome,
  TokenBudget,
  TokenIncident,
} from "../tokens/index.ts";
import type { EndpointContext } from "./endpoint.ts";
import { denialProblem, failureStatus, planTooBigProblem } from "./problems.ts";
import type { Runtime } from "./runtime.ts";

/**
 * A person is waiting and the function has 25 s: an offers fetch gets Keepa's stated worst case (20 s, average 5 s)
 * rather than the batch timeout of 60 s, which would leave no room to verify anything (docs/economics.md).
 */
const INTERACTIVE_TIMEOUTS = { offers: 20_000 } as const;

/** What guarded work gets: a Keepa client metered by its reservation, and the budget behind it. */
export type Spending = { keepa: KeepaClient; budget: TokenBudget; reservation: Reservation };

export type GuardOptions = {
  /** Tokens to hold: the plan's upper bound. @default the action's TOKEN_COSTS budget */
  cost?: number;
  /** Lease on the reservation; longer than the function may run. @default 60_000 */
  leaseMs?: number;
  /** How long the function may run; no Keepa request starts that could outlive it. @default 25_000 */
  timeLimitMs?: number;
  /** @default "deferred" for interactive actions, "immediate" for batch */
  chargeMode?: ChargeMode;
};

type Ctx = EndpointContext<Runtime>;

/** The authenticated key's daily quota, enforced atomically with the reservation. */
function keyQuota(ctx: Ctx): { apiKeyId: string; dailyLimit: number } | undefined {
  const quota = ctx.auth?.dailyTokenQuota;
  return ctx.auth && quota !== null && quota !== undefined
    ? { apiKeyId: ctx.auth.apiKeyId, dailyLimit: quota }
    : undefined;
}

/** A token-safety incident of this request, tagged with its function and action, flushed after the response. */
function incidentReporter(ctx: Ctx, action: string) {
  return (incident: TokenIncident) =>
    reportIncident(
      incident.kind,
      incident.message,
      { ...ctx.tags, action, reason: incident.kind },
      {
        extra: incident.extra,
        waitUntil: (promise) => ctx.defer(promise),
      },
    );
}

/**
 * Starts `task` once the response has been handed back to the platform (a macrotask later: the handler's return is
 * all microtasks) and keeps the invocation alive until it ends (Netlify's waitUntil).
 */
function afterResponse(ctx: Ctx, task: () => Promise<unknown>): void {
  ctx.defer(new Promise<void>((resolve) => setImmediate(resolve)).then(task));
}

type Row = Pick<ActivityEntry, "status" | "reason" | "reserved" | "spent" | "released" | "balance">;

/** The dashboard's request list, written after the response: never on the user's critical path. */
function track(ctx: Ctx, action: string, started: number, row: Row, available: number | null): void {
  const entry: ActivityEntry = {
    at: new Date().toISOString(),
    fn: ctx.name,
    action,
    durationMs: Date.now() - started,
    ...row,
  };
  const { redis, config } = ctx.runtime;
  afterResponse(ctx, () => recordActivity(redis, config.LEDGER_PREFIX, entry, available).catch(() => undefined));
}

/** What the guard tells the request log and the dashboard once it knows the outcome. */
function report<T>(ctx: Ctx, action: string, started: number, spent: SpendOutcome<T>): void {
  if (spent.bootstrap !== "not_needed") ctx.log.set({ bootstrap: spent.bootstrap });
  if (spent.reason === "denied") {
    const { denial } = spent;
    ctx.log.set({ reason: denial.reason, balance: denial.balance, required: denial.required });
    const available = denial.reason === "state_unknown" || denial.reason === "stale" ? null : denial.available;
    const status = denialProblem(denial).problem.status;
    track(
      ctx,
      action,
      started,
      { status, reason: denial.reason, reserved: 0, spent: 0, released: 0, balance: denial.balance },
      available,
    );
    return;
  }
  const { summary, reservation } = spent;
  const balance = balanceAfter(reservation, summary);
  ctx.log.set({
    reservationId: reservation.id,
    reserved: summary.reserved,
    spent: summary.spent,
    released: summary.released,
  });
  ctx.log.set({ keepaRequests: summary.requests, partial: summary.partial, balanceAfter: balance });
  const status = spent.reason === "done" ? 200 : failureStatus(spent.error);
  const row = {
    status,
    reason: summary.partial ? "partial" : null,
    reserved: summary.reserved,
    spent: summary.spent,
    released: summary.released,
    balance,
  };
  track(ctx, action, started, row, balance + reservation.floor);
}

const balanceAfter = (reservation: Reservation, summary: BudgetSummary) =>
  Math.max(0, reservation.balanceAfter + summary.released);

/**
 * The token guard as HTTP, over the ledger's one reservation primitive: reserve → run `work` with a client metered
 * by the reservation → always settle. A denial throws its problem (429/503/422 from the one table); a failure of the
 * work is rethrown after the settle, for the same table to answer.
 */
export async function guard<T>(
  ctx: Ctx,
  action: ActionName,
  work: (spending: Spending) => Promise<T>,
  options: GuardOptions = {},
) {
  const started = Date.now();
  const { runtime } = ctx;
  const registry = actionCost(runtime.costs, action);
  const leaseMs = options.leaseMs ?? 60_000;
  const quota = keyQuota(ctx);
  ctx.tags = { ...ctx.tags, action };
  ctx.log.set({ action });
  const request = {
    action,
    cost: options.cost ?? registry.cost,
    class: registry.class,
    leaseMs,
    holder: `${ctx.netlify.requestId || "fn"}:${ctx.requestId}`,
    ...(quota ? { quota } : {}),
    ...(options.chargeMode ? { chargeMode: options.chargeMode } : {}),
  };
  const deadline = started + (options.timeLimitMs ?? 25_000);
  // The settle (and a balance refresh the admission asks for) runs after the response: the caller waits for the
  // reserve alone (docs/token-ledger.md). Queued here and started once the work is done, never during it.
  const later: (() => Promise<unknown>)[] = [];
  const deps = {
    ledger: runtime.ledger,
    keepaForSync: () => runtime.keepa(),
    afterResponse: (task: () => Promise<unknown>) => void later.push(task),
  };
  let spent: SpendOutcome<T>;
  try {
    spent = await withReservation(deps, request, (budget) => {
      const meter = watchedMeter(budget, incidentReporter(ctx, action));
      const keepa = runtime.keepa({ meter, deadline: () => deadline, timeouts: INTERACTIVE_TIMEOUTS });
      return work({ keepa, budget, reservation: budget.reservation });
    });
  } finally {
    for (const task of later) afterResponse(ctx, task);
  }
  report(ctx, action, started, spent);
  if (spent.reason === "denied") throw denialProblem(spent.denial);
  if (spent.reason === "failed") throw spent.error;
  return { value: spent.value, summary: spent.summary, balance: balanceAfter(spent.reservation, spent.summary) };
}

/** What guarded work answers with: its body, and what the caches saved (the guard adds its own numbers). */
export type GuardedResult = {
  body: Record<string, unknown>;
  partial?: boolean;
  cacheHits?: ActionOutcome["cacheHits"];
  productsFetched?: number;
};

/** The `tokens` summary every spending response carries: the guard's numbers, plus what the caches saved. */
function tokensSummary(
  action: ActionName,
  summary: BudgetSummary | undefined,
  balance: number | undefined,
  result: GuardedResult,
) {
  return {
    action,
    reserved: summary?.reserved ?? 0,
    spent: summary?.spent ?? 0,
    released: summary?.released ?? 0,
    partial: (result.partial ?? false) || (summary?.partial ?? false),
    ...(balance === undefined ? {} : { balance }),
    ...(result.cacheHits === undefined ? {} : { cacheHits: result.cacheHits }),
    ...(result.productsFetched === undefined ? {} : { productsFetched: result.productsFetched }),
  };
}

/** Guarded work answered as JSON with its `tokens` summary and X-Token-Balance. */
export async function respondGuarded(
  ctx: Ctx,
  action: ActionName,
  work: (spending: Spending) => Promise<GuardedResult>,
  options: GuardOptions = {},
): Promise<Response> {
  const { value, summary, balance } = await guard(ctx, action, work, options);
  if (value.cacheHits) ctx.log.set({ cacheHits: value.cacheHits });
  const tokens = tokensSummary(action, summary, balance, value);
  return jsonResponse({ ...value.body, tokens }, { headers: { "x-token-balance": String(balance) } });
}

/**
 * Runs a planned sourcing action: refused (422) when its plan does not fit the action's budget; without any
 * reservation when it costs 0 (all from cache, on a client that admits nothing); otherwise behind the guard with
 * exactly the plan's cost reserved.
 */
export async function spendPlanned(ctx: Ctx, planned: PlannedAction): Promise<Response> {
  const { action, plan } = planned;
  if (!plan.fits) throw planTooBigProblem(action, plan);
  ctx.log.set({ action, planCost: plan.cost, planShrunk: plan.shrunk });
  if (plan.cost === 0) {
    const outcome = await planned.run({ keepa: ctx.runtime.keepa({ meter: closedMeter }), remaining: () => 0 });
    return jsonResponse({ ...outcome.body, tokens: tokensSummary(action, undefined, undefined, outcome) });
  }
  const work = ({ keepa, budget }: Spending) => planned.run({ keepa, remaining: () => budget.remaining });
  return respondGuarded(ctx, action, work, { cost: plan.cost });
}
