import { isKeepaError } from "../keepa/index.ts";
import type { KeepaError } from "../keepa/index.ts";
import {
  ConfigError,
  DatabaseUnavailableError,
  HttpProblem,
  isHttpProblem,
  isStoreFailure,
  problemResponse,
  reportError,
  reportIncident,
} from "../shared/index.ts";
import type { Plan } from "../sourcing/index.ts";
import { isLedgerError, refusalSentence, retryAfterSeconds } from "../tokens/index.ts";
import type { ActionName, Denial, DenialReason, TokenLedger } from "../tokens/index.ts";
import type { EndpointContext } from "./endpoint.ts";

// The one table from an outcome to its HTTP answer: every ledger denial, a plan too big for its budget, the ledger
// store failing, Keepa failing, a broken configuration, anything else. Each problem's `type` follows from its
// `reason` (src/shared/http/problem.ts); the contract lists the reasons per operation (src/app/contract/).

const DENIAL_STATUS: Record<DenialReason, 429 | 503 | 422> = {
  insufficient: 429,
  class_floor: 429,
  upstream_blocked: 429,
  quota: 429,
  state_unknown: 503,
  stale: 503,
  exceeds_capacity: 422,
};

const DENIAL_TITLE: Record<429 | 503 | 422, string> = {
  429: "Not enough Keepa tokens",
  503: "Token balance unknown",
  422: "Action exceeds the Keepa plan",
};

/** A ledger denial: status, Retry-After, X-Token-* headers and the sentence a person reads (docs/token-ledger.md). */
export function denialProblem(denial: Denial): HttpProblem {
  const status = DENIAL_STATUS[denial.reason];
  const seconds = retryAfterSeconds(denial.retryAfterMs);
  const headers: Record<string, string> = {
    "x-token-balance": String(denial.balance),
    "x-token-required": String(denial.required),
  };
  if (status !== 422) headers["retry-after"] = String(seconds);
  return new HttpProblem(
    {
      title: DENIAL_TITLE[status],
      status,
      detail: refusalSentence(denial),
      action: denial.action,
      reason: denial.reason,
      balance: denial.balance,
      required: denial.required,
      deficit: denial.deficit,
      retryAfterSeconds: status === 422 ? null : seconds,
    },
    headers,
  );
}

/** Not even the cheapest useful plan fits the action's budget: nothing can be bought, so nothing is tried. */
export function planTooBigProblem(action: ActionName, plan: Plan): HttpProblem {
  const override = `TOKEN_COSTS_OVERRIDE={"${action}":{"cost":${plan.minimumCost}}}`;
  return new HttpProblem(
    {
      title: "Action exceeds its token budget",
      status: 422,
      detail:
        `${action} may spend ${plan.budget} tokens; the cheapest useful Keepa plan for this request costs ` +
        `${plan.minimumCost}. Nothing was spent. Raise the budget with ${override} or more.`,
      action,
      reason: "plan_exceeds_budget",
      budget: plan.budget,
      required: plan.minimumCost,
      plan,
    },
    { "x-token-required": String(plan.minimumCost) },
  );
}

/** Postgres is down or refusing connections: nothing was written, nothing was spent; try again shortly. */
export function databaseUnavailableProblem(): HttpProblem {
  return new HttpProblem(
    {
      title: "Database unavailable",
      status: 503,
      detail: "The database cannot be reached, so nothing was done — retry in 5 s.",
      reason: "database_unavailable",
      retryAfterSeconds: 5,
    },
    { "retry-after": "5" },
  );
}

/** The ledger store is down, slow or answering garbage: fail closed, nothing is sent to Keepa. */
export function storeUnavailableProblem(action: string): HttpProblem {
  return new HttpProblem(
    {
      title: "Token ledger unavailable",
      status: 503,
      detail: "The shared token ledger cannot be reached, so no Keepa call is made — retry in 2 s.",
      action,
      reason: "store_unavailable",
      retryAfterSeconds: 2,
    },
    { "retry-after": "2" },
  );
}

/**
 * Keepa answered 429 despite the ledger (someone else spends from the key). The budget has already tripped the
 * shared breaker; the caller is told to come back when it opens, which is what every other instance is told too.
 */
async function upstreamRefusal(
  action: string,
  error: KeepaError,
  ledger: TokenLedger | undefined,
): Promise<HttpProblem> {
  let waitMs = 60_000;
  try {
    const status = await ledger?.status();
    if (status?.breaker.open && status.breaker.blockedUntil !== null) waitMs = status.breaker.blockedUntil - status.now;
  } catch {
    // The store is down too: a minute is a safe guess, and nothing will be admitted meanwhile anyway.
  }
  const seconds = retryAfterSeconds(waitMs);
  const deficit = Math.max(0, -(error.envelope?.tokensLeft ?? 0));
  const detail = `Keepa refused the request: its balance is exhausted — retry in ${seconds} s.`;
  return new HttpProblem(
    {
      title: "Not enough Keepa tokens",
      status: 429,
      detail,
      action,
      reason: "upstream_blocked",
      balance: 0,
      required: 0,
      deficit,
      retryAfterSeconds: seconds,
    },
    { "retry-after": String(seconds), "x-token-balance": "0" },
  );
}

/** What a Keepa failure means to the caller: the status, and the sentence saying what to expect. */
const KEEPA_FAILURE: Record<string, { status: 502 | 503; detail: string; retryAfterSeconds?: number }> = {
  server: { status: 502, detail: "Keepa answered with a server error", retryAfterSeconds: 30 },
  invalid_response: { status: 502, detail: "Keepa answered something that is not a valid response" },
  timeout: { status: 503, detail: "Keepa did not answer in time", retryAfterSeconds: 30 },
  network: { status: 503, detail: "Keepa could not be reached", retryAfterSeconds: 30 },
  payment_required: { status: 502, detail: "Keepa refused the request: the Keepa subscription needs attention" },
  bad_request: { status: 502, detail: "Keepa rejected the request as malformed" },
};

function keepaProblem(
  action: string,
  error: KeepaError,
  ledger: TokenLedger | undefined,
): Promise<HttpProblem> | HttpProblem {
  if (error.kind === "not_enough_tokens") return upstreamRefusal(action, error, ledger);
  const failure = KEEPA_FAILURE[error.kind] ?? { status: 502, detail: "Keepa request failed" };
  const retry = failure.retryAfterSeconds;
  const detail =
    `${failure.detail} (${error.kind}), so nothing could be fetched; no retry was made that could be charged twice` +
    (retry === undefined ? "." : ` — retry in ${retry} s.`);
  return new HttpProblem(
    {
      title: failure.status === 503 ? "Keepa unavailable" : "Bad Gateway",
      status: failure.status,
      detail,
      action,
      reason: `keepa_${error.kind}`,
      ...(retry === undefined ? {} : { retryAfterSeconds: retry }),
    },
    retry === undefined ? {} : { "retry-after": String(retry) },
  );
}

/** The status `failureResponse` will answer an error with, known at once (the dashboard's request list needs it). */
export function failureStatus(error: unknown): number {
  if (isHttpProblem(error)) return error.problem.status;
  if (isLedgerError(error) || isStoreFailure(error) || error instanceof DatabaseUnavailableError) return 503;
  if (isKeepaError(error)) return error.kind === "not_enough_tokens" ? 429 : (KEEPA_FAILURE[error.kind]?.status ?? 502);
  return 500;
}

/** The ledger, when the runtime can be built: an upstream refusal reads the breaker's reopening time from it. */
function ledgerOf(ctx: EndpointContext): TokenLedger | undefined {
  try {
    return (ctx.runtime as Partial<{ ledger: TokenLedger }>).ledger;
  } catch {
    return undefined;
  }
}

/** Every failure that escapes a handler, as the one answer it gets; an unexpected one is reported and is a 500. */
export async function failureResponse(error: unknown, ctx: EndpointContext): Promise<Response> {
  const action = ctx.tags.action ?? ctx.name;
  let problem: HttpProblem | undefined;
  if (isHttpProblem(error)) problem = error;
  else if (isLedgerError(error) || isStoreFailure(error)) problem = storeUnavailableProblem(action);
  else if (error instanceof DatabaseUnavailableError) problem = databaseUnavailableProblem();
  else if (isKeepaError(error)) {
    problem = await keepaProblem(action, error, ledgerOf(ctx));
    // An outage must alert, even though the caller gets a clean answer.
    if (error.kind !== "not_enough_tokens") {
      const message = `Keepa outage on /${error.endpoint ?? "?"}: ${error.kind}`;
      await reportIncident(
        "keepa_outage",
        message,
        { ...ctx.tags, action, reason: error.kind },
        {
          extra: { status: error.status },
          waitUntil: (promise) => ctx.defer(promise),
        },
      );
    }
  }
  if (problem) {
    ctx.log.set({
      problem: problem.problem.title,
      ...(problem.problem.reason ? { reason: problem.problem.reason } : {}),
    });
    return problemResponse(problem.problem, problem.headers);
  }
  ctx.log.set({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  await reportError(error, ctx.tags, { waitUntil: (promise) => ctx.defer(promise) });
  const detail =
    error instanceof ConfigError
      ? "The server is misconfigured; the operator has been told."
      : "Something went wrong on our side.";
  return problemResponse({ title: "Internal Server Error", status: 500, reason: "internal", detail });
}
