import { HttpProblem } from "../shared/http/problem.ts";
import type { Denial } from "./types.ts";

const STATUS: Record<Denial["reason"], number> = {
  insufficient: 429, class_floor: 429, upstream_blocked: 429, quota: 429,
  state_unknown: 503, stale: 503,
  exceeds_capacity: 422,
};

export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

/** The sentence a person reads in the dashboard or a client log; numbers match the headers. */
export function refusalSentence(denial: Denial): string {
  const wait = duration(retryAfterSeconds(denial.retryAfterMs));
  switch (denial.reason) {
    case "insufficient":
      return `${denial.balance} tokens available, ${denial.required} needed — retry in ${wait}.`;
    case "class_floor":
      return `${denial.balance} tokens available (${denial.floor} are kept in reserve), ${denial.required} needed — retry in ${wait}.`;
    case "upstream_blocked":
      return `Keepa has paused this account until its token balance recovers — retry in ${wait}.`;
    case "quota":
      return `This API key has used its daily token quota (${denial.balance} left, ${denial.required} needed) — retry in ${wait}.`;
    case "exceeds_capacity":
      return `This action needs ${denial.required} tokens but the Keepa plan holds at most ${denial.capacity}; it can never run on this plan.`;
    case "state_unknown":
    case "stale":
      return `The token balance is being synchronised with Keepa — retry in ${wait}.`;
  }
}

/** One refusal contract for every endpoint (R8): status, Retry-After, X-Token-* headers and a problem+json body. */
export function refusalProblem(denial: Denial): HttpProblem {
  const status = STATUS[denial.reason];
  const seconds = retryAfterSeconds(denial.retryAfterMs);
  const headers: Record<string, string> = {
    "x-token-balance": String(denial.balance),
    "x-token-required": String(denial.required),
  };
  if (status !== 422) headers["retry-after"] = String(seconds);
  return new HttpProblem(
    {
      type: `https://arbitragevault.dev/problems/tokens/${denial.reason.replace("_", "-")}`,
      title: status === 429 ? "Not enough Keepa tokens" : status === 422 ? "Action exceeds the Keepa plan" : "Token balance unknown",
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
