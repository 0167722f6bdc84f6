// One AutoSourcing job run in-process (B4): a profile through the real endpoint, a manual job, the worker's runJob.
// AutoSourcing is being built in parallel: any import or API drift surfaces as an error the table reports.
import { LOCAL_API_KEY } from "../../src/auth/local-key.ts";
import { neonDb } from "../../src/autosourcing/db.ts";
import { defaultDeps } from "../../src/autosourcing/deps.ts";
import { profilesEndpoint } from "../../src/autosourcing/http/profiles.ts";
import { createTriggeredJob } from "../../src/autosourcing/store/jobs.ts";
import { runJob } from "../../src/autosourcing/worker/run-job.ts";
import { fakeContext } from "../../test/helpers/context.ts";

export const JOB_PROFILE = {
  name: "Bench business textbooks",
  discovery: { categories: ["business"], bsrMin: 1, bsrMax: 2_000_000, maxResults: 100 },
  scoring: { strategy: "smart_velocity", minRoi: -100, minRecommendation: "SKIP", maxPicks: 20 },
};

export async function createProfile(): Promise<string> {
  const request = new Request("http://localhost/api/v1/autosourcing/profiles", {
    method: "POST", headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" }, body: JSON.stringify(JOB_PROFILE),
  });
  const response = await profilesEndpoint()(request, fakeContext());
  if (response.status !== 201) throw new Error(`profile: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { profile: { id: string } }).profile.id;
}

export type JobRun = { status: string; tested: number; reserved: number; spent: number; reason: string | null };

/** Creates a manual job for the profile and runs it to the end, never dispatching anything over HTTP. */
export async function runOneJob(profileId: string): Promise<JobRun> {
  const { job } = await createTriggeredJob(neonDb(), { profileId, trigger: "manual", now: Date.now() });
  const result = await runJob(job.id, defaultDeps({ dispatch: async () => ({ sent: true, status: 202 }) }));
  if (!result.ran) throw new Error(`job did not run: ${result.reason}`);
  const o = result.outcome;
  return { status: result.status, tested: o.tested, reserved: o.tokensReserved, spent: o.tokensSpent, reason: o.reason };
}
