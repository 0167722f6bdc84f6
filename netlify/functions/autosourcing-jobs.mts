import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, jobs, jobsQuery } from "../../src/app/index.ts";

/** GET /api/v1/autosourcing/jobs — recent jobs, newest first. */
export default defineServicesEndpoint({
  name: "autosourcing-jobs",
  methods: ["GET"],
  steps: [authenticate],
  query: jobsQuery,
  handle: jobs,
});

export const config: Config = { path: "/api/v1/autosourcing/jobs" };
