import type { Context } from "@netlify/functions";
import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler, NetlifyHandler } from "../../shared/http/endpoint.ts";
import { jsonResponse } from "../../shared/http/problem.ts";
import { defaultDeps } from "../deps.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { runScheduler } from "../scheduler.ts";

/** Netlify's scheduler (and `netlify functions:invoke`) posts `{"next_run":…}` under the invoker's content headers. */
function isScheduleInvocation(request: Request): boolean {
  return request.headers.get("x-nf-event") === "schedule" || (request.headers.get("user-agent") ?? "").startsWith("Netlify Clockwork");
}

/**
 * The tick reads nothing from its body, and what arrives is not trustworthy as JSON: netlify dev swaps in
 * `{"next_run":…}` but keeps the invoker's text/plain type and Content-Length. Drop it rather than parse it.
 */
function withoutBody(request: Request): Request {
  const headers = new Headers(request.headers);
  for (const name of ["content-type", "content-length", "transfer-encoding"]) headers.delete(name);
  return new Request(request.url, { method: request.method, headers });
}

/**
 * The scheduled tick. Its route is not public in production (Netlify invokes scheduled functions only on schedule),
 * and a tick is idempotent within its slot, so it needs no key.
 */
export function schedulerEndpoint(deps: () => AutosourcingDeps = () => defaultDeps()): EndpointHandler {
  const inner = defineEndpoint({
    name: "autosourcing-scheduler",
    methods: ["POST"],
    auth: "public",
    handle: async (_input, ctx) => {
      const summary = await runScheduler(deps());
      ctx.log.set({ created: summary.created.length, reaped: summary.reaped.length, dispatched: summary.dispatched.length });
      return jsonResponse(summary);
    },
  });
  const outer: NetlifyHandler = (request: Request, context: Context) => inner(isScheduleInvocation(request) ? withoutBody(request) : request, context);
  return Object.assign(outer, { endpoint: inner.endpoint });
}
