import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { jsonResponse, problemResponse } from "../../src/shared/http/problem.ts";
import { checkReadiness } from "../../src/shared/readiness.ts";

const RETRY_AFTER_SECONDS = 5;

/** Readiness: Redis and Postgres reachable through the production clients. 0 Keepa tokens. */
export default defineEndpoint({
  name: "health-ready",
  auth: "public",
  methods: ["GET"],
  handle: async (_input, ctx) => {
    const readiness = await checkReadiness();
    ctx.log.set({ down: readiness.down });
    if (readiness.ready) return jsonResponse({ status: "ready", checks: readiness.checks });
    return problemResponse(
      {
        title: "Service Unavailable",
        status: 503,
        detail: `Not ready: ${readiness.down.join(" and ")} unreachable.`,
        down: readiness.down,
        checks: readiness.checks,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      },
      { "retry-after": String(RETRY_AFTER_SECONDS) },
    );
  },
});

export const config: Config = { path: "/api/v1/health/ready" };
