import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler } from "../../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse, problems } from "../../shared/http/problem.ts";
import { defaultDeps } from "../deps.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { signedJobRequest } from "../dispatch.ts";
import { createTriggeredJob } from "../store/jobs.ts";
import { markDispatched } from "../store/dispatch.ts";
import { getProfile } from "../store/profiles.ts";
import { idempotencyKey, parseJson, runBody } from "./inputs.ts";
import { withRawBody } from "./raw-body.ts";
import { requireSignature } from "./signature.ts";

const disabled = () =>
  new HttpProblem({ title: "Service Unavailable", status: 503, detail: "The webhook trigger is disabled: WEBHOOK_SECRET is not configured.", reason: "webhook_disabled" });

/**
 * POST /api/v1/autosourcing/run — automation tools start a profile's job. HMAC-signed (X-Signature over
 * "<X-Timestamp>.<raw body>", ±5 min), Idempotency-Key honoured; 202 with the job and where to poll it.
 */
export function runEndpoint(deps: () => AutosourcingDeps = () => defaultDeps()): EndpointHandler {
  return withRawBody(defineEndpoint({
    name: "autosourcing-run",
    methods: ["POST"],
    auth: "public",
    handle: async (_input, ctx) => {
      const secret = ctx.config.WEBHOOK_SECRET;
      if (secret === undefined) throw disabled();
      const d = deps();
      const raw = requireSignature(ctx, secret, d.now());
      const { profileId } = parseJson(runBody, raw);
      const key = idempotencyKey(ctx.request);
      if (!(await getProfile(d.db, profileId))) throw problems.notFound(`No profile with id ${profileId}.`);
      const { job, created } = await createTriggeredJob(d.db, { profileId, trigger: "webhook", idempotencyKey: key === undefined ? undefined : `webhook:${key}`, now: d.now() });
      if (job.profile_id !== profileId) throw new HttpProblem({ title: "Conflict", status: 409, detail: "This Idempotency-Key was already used for another profile.", reason: "idempotency_key_reused" });
      if (created && (await markDispatched(d.db, job.id, d.now()))) {
        // The worker answers 202 at once; if it cannot be reached the job stays pending and the next tick sends it.
        await d.dispatch(signedJobRequest(job.id, { secret: d.signingSecret(), baseUrl: d.baseUrl, now: d.now() }));
      }
      ctx.log.set({ jobId: job.id, created });
      const statusUrl = new URL(`/api/v1/autosourcing/jobs/${job.id}`, ctx.url).toString();
      return jsonResponse({ jobId: job.id, status: job.status, statusUrl, created }, { status: 202, headers: { location: statusUrl } });
    },
  }));
}
