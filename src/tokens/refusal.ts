import type { Denial } from "./types.ts";

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
      return (
        `${denial.balance} tokens available (${denial.floor} are kept in reserve), ${denial.required} needed — ` +
        `retry in ${wait}.`
      );
    case "upstream_blocked":
      return `Keepa has paused this account until its token balance recovers — retry in ${wait}.`;
    case "quota":
      return (
        `This API key has used its daily token quota (${denial.balance} left, ${denial.required} needed) — retry ` +
        `in ${wait}.`
      );
    case "exceeds_capacity":
      return (
        `This action needs ${denial.required} tokens but the Keepa plan holds at most ${denial.capacity}; it can ` +
        "never run on this plan."
      );
    case "state_unknown":
    case "stale":
      return `The token balance is being synchronised with Keepa — retry in ${wait}.`;
  }
}
