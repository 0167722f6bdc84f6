import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, estimateBody, estimateJob } from "../../src/app/index.ts";

/** POST /api/v1/autosourcing/estimate — a job's cost plan and whether it fits now (0 tokens). */
export default defineEndpoint({
  name: "autosourcing-estimate",
  methods: ["POST"],
  steps: [authenticate],
  body: estimateBody,
  handle: estimateJob,
});

export const config: Config = { path: "/api/v1/autosourcing/estimate" };
