import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, jobsOrRunNow, jobsQuery, runNowBody, scope } from "../../src/app/index.ts";

/**
 * GET /api/v1/autosourcing/jobs — recent jobs, newest first. POST — run a profile now (it spends: data:write and
 * tokens:spend).
 */
export default defineEndpoint({
  name: "autosourcing-jobs",
  methods: ["GET", "POST"],
  steps: [authenticate, scope("data:write", ["POST"]), scope("tokens:spend", ["POST"])],
  query: jobsQuery,
  body: runNowBody,
  handle: jobsOrRunNow,
});

export const config: Config = { path: "/api/v1/autosourcing/jobs" };
