import type { Config } from "@netlify/functions";
import { jobsEndpoint } from "../../src/autosourcing/http/jobs.ts";

/** GET /api/v1/autosourcing/jobs — recent jobs, newest first. */
export default jobsEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/jobs" };
