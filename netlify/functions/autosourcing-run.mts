import type { Config } from "@netlify/functions";
import { runEndpoint } from "../../src/autosourcing/http/run.ts";

/** POST /api/v1/autosourcing/run — HMAC-signed webhook trigger for automation tools (WEBHOOK_SECRET). */
export default runEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/run" };
