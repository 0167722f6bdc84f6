import { analysisWorkerBody } from "../../src/autosourcing/index.ts";
import { defineEndpoint, internalSignature, workAnalysis } from "../../src/app/index.ts";

/**
 * Batch analysis worker (background function: up to 15 min, the caller gets 202 at once). Only requests signed with
 * INTERNAL_SIGNING_SECRET (by POST /api/v1/analyze or the scheduler's tick) get in. Served at
 * /.netlify/functions/analysis-run-background (background functions keep the default path).
 */
export default defineEndpoint({
  name: "analysis-run-background",
  methods: ["POST"],
  steps: [internalSignature],
  body: analysisWorkerBody,
  handle: workAnalysis,
});
