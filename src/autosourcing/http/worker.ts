import { z } from "zod";
import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler } from "../../shared/http/endpoint.ts";
import { jsonResponse } from "../../shared/http/problem.ts";
import { defaultDeps } from "../deps.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { internalSecret } from "../secrets.ts";
import { runJob } from "../worker/run-job.ts";
import { parseJson } from "./inputs.ts";
import { withRawBody } from "./raw-body.ts";
import { requireSignature } from "./signature.ts";

const workerBody = z.strictObject({ jobId: z.uuid() });

/**
 * The background worker (`autosourcing-run-background`, up to 15 min; Netlify answers the caller 202 at once).
 * Public route, so the scheduler's HMAC signature is the only way in (checked before the deps are even built); the
 * body names the job to run.
 */
export function workerEndpoint(deps: () => AutosourcingDeps = () => defaultDeps(), now: () => number = () => Date.now()): EndpointHandler {
  return withRawBody(defineEndpoint({
    name: "autosourcing-run-background",
    methods: ["POST"],
    auth: "public",
    handle: async (_input, ctx) => {
      const raw = requireSignature(ctx, internalSecret(ctx.config), now());
      const d = deps();
      const { jobId } = parseJson(workerBody, raw);
      ctx.log.set({ jobId });
      const result = await runJob(jobId, d);
      ctx.log.set({ ran: result.ran, jobStatus: result.status });
      return jsonResponse(result.ran ? { jobId, ran: true, status: result.status, tokensSpent: result.outcome.tokensSpent } : result);
    },
  }));
}
