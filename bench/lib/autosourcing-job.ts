// One AutoSourcing job run in-process (B4): a profile through the real endpoint, a manual job, the worker's runJob.
// AutoSourcing is being built in parallel: any import or API drift surfaces as an error the table reports.
import autosourcingProfiles from "../../netlify/functions/autosourcing-profiles.mts";
import { LOCAL_API_KEY, runtimeFromEnv } from "../../src/app/index.ts";
import { createTriggeredJob, runJob } from "../../src/autosourcing/index.ts";
import { fakeContext } from "../../test/helpers/context.ts";

export const JOB_PROFILE = {
  name: "Bench business textbooks",
  discovery: { categories: ["business"], bsrMin: 1, bsrMax: 2_000_000, maxResults: 100 },
  scoring: { strategy: "smart_velocity", minRoi: -100, minRecommendation: "SKIP", maxPicks: 20 },
};

export async function createProfile(): Promise<string> {
  const request = new Request("http://localhost/api/v1/autosourcing/profiles", {
    method: "POST",
    headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(JOB_PROFILE),
  });
  const response = await autosourcingProfiles(request, fakeContext());
  if (response.status !== 201) throw new Error(`profile: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { profile: { id: string } }).profile.id;
}

export type JobRun = { status: string; tested: number; reserved: number; spent: number; reason: string | null };

/** Creates a manual job for the profile and runs it to the end, never dispatching anything over HTTP. */
export async function runOneJob(profileId: string): Promise<JobRun> {
  const { autosourcing } = runtimeFromEnv();
  const { job } = await createTriggeredJob(autosourcing.db, { profileId, trigger: "manual", now: Date.now() });
  const result = await runJob(job.id, { ...autosourcing, dispatch: async () => ({ sent: true, status: 202 }) });
  if (!result.ran) throw new Error(`job did not run: ${result.reason}`);
  const o = result.outcome;
  return {
    status: result.status,
    tested: o.tested,
    reserved: o.tokensReserved,
    spent: o.tokensSpent,
    reason: o.reason,
  };
}
