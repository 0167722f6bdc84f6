import type { Config } from "@netlify/functions";
import { estimateEndpoint } from "../../src/autosourcing/http/estimate.ts";

/** POST /api/v1/autosourcing/estimate — a job's cost plan and whether it fits now (0 tokens). */
export default estimateEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/estimate" };
