import { log } from "../../shared/index.ts";
import type { AutosourcingDeps } from "../deps.ts";
import type { JobRequest } from "../dispatch.ts";
import { signRequest } from "../signing.ts";
import { claimAnalysesForDispatch, giveUpAnalyses, reapAnalyses, requeueAnalyses } from "./store.ts";

/** The analysis worker's URL: background functions keep Netlify's default path. */
export const analysisWorkerUrl = (base: string): string => `${base}/.netlify/functions/analysis-run-background`;

/** `{"analysisId": …}`, signed like the AutoSourcing worker's requests (INTERNAL_SIGNING_SECRET). */
export function signedAnalysisRequest(
  analysisId: string,
  options: { secret: string; baseUrl: string; now: number },
): JobRequest {
  const body = JSON.stringify({ analysisId });
  return {
    url: analysisWorkerUrl(options.baseUrl),
    headers: { "content-type": "application/json", ...signRequest(options.secret, body, options.now) },
    body,
  };
}

export type AnalysisTickSummary = {
  reaped: string[];
  requeued: string[];
  gaveUp: string[];
  dispatched: { analysisId: string; sent: boolean; status: number | null }[];
};

/**
 * The analyses' share of the scheduler tick (it never runs one itself): a running analysis whose lease ran out lost
 * its run and goes back to pending; a waiting one whose retry time came goes back to pending; one that waited too
 * long gives up (its pending rows end skipped_budget); every pending one not yet sent is handed to the worker through
 * a signed request, waiting only for the 202.
 */
export async function analysisTick(
  deps: AutosourcingDeps & { baseUrl: string },
  secret: string,
): Promise<AnalysisTickSummary> {
  const now = deps.now();
  const reaped = (await reapAnalyses(deps.db, now)).map((r) => r.id);
  if (reaped.length > 0) log("warn", "batch analyses resumed after a lost run", { analyses: reaped });
  const gaveUp = await giveUpAnalyses(deps.db, now);
  const requeued = (await requeueAnalyses(deps.db, now)).map((r) => r.id);
  const claimed = await claimAnalysesForDispatch(deps.db, now);
  const dispatched = await Promise.all(
    claimed.map(async ({ id }) => ({
      analysisId: id,
      ...(await deps.dispatch(signedAnalysisRequest(id, { secret, baseUrl: deps.baseUrl, now: deps.now() }))),
    })),
  );
  return { reaped, requeued, gaveUp, dispatched };
}
