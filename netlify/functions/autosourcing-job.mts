import type { Config } from "@netlify/functions";
import { jobEndpoint } from "../../src/autosourcing/http/jobs.ts";

/** GET /api/v1/autosourcing/jobs/:id — one job with its picks. */
export default jobEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/jobs/:id" };
