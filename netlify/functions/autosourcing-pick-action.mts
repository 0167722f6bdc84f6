import type { Config } from "@netlify/functions";
import { pickActionEndpoint } from "../../src/autosourcing/http/jobs.ts";

/** PUT /api/v1/autosourcing/picks/:id/action — pending | to_buy | favorite | ignored | analyzing, with notes. */
export default pickActionEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/picks/:id/action" };
