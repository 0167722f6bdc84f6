import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler } from "../../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse, problems } from "../../shared/http/problem.ts";
import { defaultDeps } from "../deps.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { signedJobRequest } from "../dispatch.ts";
import { MissingSecretError } from "../secrets.ts";
import { createTriggeredJob } from "../store/jobs.ts";
import { markDispatched } from "../store/dispatch.ts";
import { getProfile } from "../store/profiles.ts";
import { idempotencyKey, parseJson, runBody } from "./inputs.ts";
import { withRawBody } from "./raw-body.ts";
import { requireSignature } from "./signature.ts";

const disabled = (detail = "The webhook trigger is disabled: WEBHOOK_SECRET is not configured.") =>
  new HttpProblem({ title: "Service Unavailable", status: 503, detail, reason: "webhook_disabled" });

/** The worker's signing key, read before any job exists: a missing one must not leave a stray job behind a 500. */
function dispatchSecret(d: AutosourcingDeps): string {
  try {
    return d.signingSecret();
  } catch (error) {
    if (error instanceof MissingSecretError) throw disabled(`The webhook trigger cannot hand jobs to the worker: ${error.message}.`);
    throw error;
  }
}

/**
 * POST /api/v1/autosourcing/run — automation tools start a profile's job. HMAC-signed (X-Signature over
 * "<X-Timestamp>.<raw body>", ±5 min), Idempotency-Key honoured; 202 with the job and where to poll it.
 *
 * Nothing but the signature is looked at before it is verified: not even the deps (database, Redis) are built.
 */
export function runEndpoint(deps: () => AutosourcingDeps = () => defaultDeps(), now: () => number = () => Date.now()): EndpointHandler {
  return withRawBody(defineEndpoint({
    name: "autosourcing-run",
    methods: ["POST"],
    auth: "public",
    handle: async (_input, ctx) => {
      const secret = ctx.config.WEBHOOK_SECRET;
      if (secret === undefined) throw disabled();
      const raw = requireSignature(ctx, secret, now());
      const d = deps();
      const signingSecret = dispatchSecret(d);
      const { profileId } = parseJson(runBody, raw);
      const key = idempotencyKey(ctx.request);
      if (!(await getProfile(d.db, profileId))) throw problems.notFound(`No profile with id ${profileId}.`);
      const { job, created } = await createTriggeredJob(d.db, { profileId, trigger: "webhook", idempotencyKey: key === undefined ? undefined : `webhook:${key}`, now: d.now() });
      if (job.profile_id !== profileId) throw new HttpProblem({ title: "Conflict", status: 409, detail: "This Idempotency-Key was already used for another profile.", reason: "idempotency_key_reused" });
      if (created && (await markDispatched(d.db, job.id, d.now()))) {
        // The worker answers 202 at once; if it cannot be reached the job stays pending and the next tick sends it.
        await d.dispatch(signedJobRequest(job.id, { secret: signingSecret, baseUrl: d.baseUrl, now: d.now() }));
      }
      ctx.log.set({ jobId: job.id, created });
      const statusUrl = new URL(`/api/v1/autosourcing/jobs/${job.id}`, ctx.url).toString();
      return jsonResponse({ jobId: job.id, status: job.status, statusUrl, created }, { status: 202, headers: { location: statusUrl } });
    },
  }));
}
