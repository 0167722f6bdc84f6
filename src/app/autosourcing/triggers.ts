import {
  createTriggeredJob,
  getProfile,
  markDispatched,
  MissingSecretError,
  runJob,
  runScheduler,
} from "../../autosourcing/index.ts";
import { servedFrom, signedJobRequest } from "../../autosourcing/index.ts";
import type { AutosourcingDeps } from "../../autosourcing/index.ts";
import { HttpProblem, jsonResponse, problems } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Runtime } from "../runtime.ts";
import { idempotencyKey } from "./inputs.ts";
import type { RunBody, WorkerBody } from "./inputs.ts";

type Ctx = EndpointContext<Runtime>;

const disabled = (detail: string) =>
  new HttpProblem({ title: "Service Unavailable", status: 503, detail, reason: "webhook_disabled" });

/** The worker's signing key, read before any job exists: a missing one must not leave a stray job behind a 500. */
function dispatchSecret(deps: AutosourcingDeps): string {
  try {
    return deps.signingSecret();
  } catch (error) {
    if (error instanceof MissingSecretError)
      throw disabled(`The webhook trigger cannot hand jobs to the worker: ${error.message}.`);
    throw error;
  }
}

/**
 * POST /api/v1/autosourcing/run — automation tools start a profile's job (the signature step has verified the
 * request). Idempotency-Key honoured; 202 with the job and where to poll it.
 */
export async function triggerJob({ body }: { body: RunBody | undefined }, ctx: Ctx): Promise<Response> {
  const deps = servedFrom(ctx.runtime.autosourcing, ctx.url);
  const signingSecret = dispatchSecret(deps);
  if (!body) throw problems.badRequest('Send {"profileId": …} as a JSON body.');
  const { profileId } = body;
  const key = idempotencyKey(ctx.request);
  if (!(await getProfile(deps.db, profileId))) throw problems.notFound(`No profile with id ${profileId}.`);
  const idempotency = key === undefined ? undefined : `webhook:${key}`;
  const { job, created } = await createTriggeredJob(deps.db, {
    profileId,
    trigger: "webhook",
    idempotencyKey: idempotency,
    now: deps.now(),
  });
  if (job.profile_id !== profileId) {
    const detail = "This Idempotency-Key was already used for another profile.";
    throw new HttpProblem({ title: "Conflict", status: 409, detail, reason: "idempotency_key_reused" });
  }
  if (created && (await markDispatched(deps.db, job.id, deps.now()))) {
    // The worker answers 202 at once; if it cannot be reached the job stays pending and the next tick sends it.
    await deps.dispatch(signedJobRequest(job.id, { secret: signingSecret, baseUrl: deps.baseUrl, now: deps.now() }));
  }
  ctx.log.set({ jobId: job.id, created });
  const statusUrl = new URL(`/api/v1/autosourcing/jobs/${job.id}`, ctx.url).toString();
  const answer = { jobId: job.id, status: job.status, statusUrl, created };
  return jsonResponse(answer, { status: 202, headers: { location: statusUrl } });
}

/**
 * The background worker (`autosourcing-run-background`, up to 15 min; Netlify answers the caller 202 at once). The
 * scheduler's signature is the only way in; the body names the job to run.
 */
export async function workJob({ body }: { body: WorkerBody | undefined }, ctx: Ctx): Promise<Response> {
  if (!body) throw problems.badRequest('Send {"jobId": …} as a JSON body.');
  const { jobId } = body;
  ctx.log.set({ jobId });
  const result = await runJob(jobId, ctx.runtime.autosourcing);
  ctx.log.set({ ran: result.ran, jobStatus: result.status });
  return jsonResponse(
    result.ran ? { jobId, ran: true, status: result.status, tokensSpent: result.outcome.tokensSpent } : result,
  );
}

/** The scheduled tick: idempotent within its slot, so it needs no key; never runs a job itself. */
export async function tick(_input: unknown, ctx: Ctx): Promise<Response> {
  const summary = await runScheduler(servedFrom(ctx.runtime.autosourcing, ctx.url));
  ctx.log.set({
    created: summary.created.length,
    reaped: summary.reaped.length,
    dispatched: summary.dispatched.length,
  });
  return jsonResponse(summary);
}
