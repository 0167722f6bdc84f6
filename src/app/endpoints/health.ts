import { checkReadiness, jsonResponse, problemResponse } from "../../shared/index.ts";
import type { Services } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";

const RETRY_AFTER_SECONDS = 5;

/** Liveness: answers without any I/O, so it costs nothing and never touches Keepa. */
export async function liveness(): Promise<Response> {
  return jsonResponse({ status: "ok", service: "arbitragevault", time: new Date().toISOString() });
}

/** Readiness: Redis and Postgres reachable through the production clients. 0 Keepa tokens. */
export async function readiness(_input: unknown, ctx: EndpointContext<Services>): Promise<Response> {
  const result = await checkReadiness(ctx.runtime);
  ctx.log.set({ down: result.down });
  if (result.ready) return jsonResponse({ status: "ready", checks: result.checks });
  return problemResponse(
    {
      title: "Service Unavailable",
      status: 503,
      reason: "not_ready",
      detail: `Not ready: ${result.down.join(" and ")} unreachable.`,
      down: result.down,
      checks: result.checks,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    },
    { "retry-after": String(RETRY_AFTER_SECONDS) },
  );
}
