import type { JobOutcome } from "../store/jobs.ts";

const EMPTY = {
  reason: null,
  retryAt: null,
  reservationId: null,
  tokensReserved: 0,
  tokensSpent: 0,
  tested: 0,
  selected: 0,
  error: null,
  plan: null,
};

/** Ended without spending: nothing was reserved, so nothing can have been spent. */
export function skipped(reason: string, retryAt: number | null, plan: unknown = null): JobOutcome {
  return { ...EMPTY, status: "skipped", reason, retryAt, plan };
}

export function failed(reason: string, error: string, extra: Partial<JobOutcome> = {}): JobOutcome {
  return { ...EMPTY, ...extra, status: "failed", reason, error };
}

export const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
