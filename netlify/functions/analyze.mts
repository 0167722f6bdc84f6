import type { Config } from "@netlify/functions";
import {
  analyze,
  ANALYZE_BODY_LIMIT_BYTES,
  ANALYZE_RAW_TYPES,
  authenticate,
  defineEndpoint,
  scope,
} from "../../src/app/index.ts";
import { analyzeBody, analyzeQuery } from "../../src/autosourcing/index.ts";

/**
 * POST /api/v1/analyze — batch analysis of up to 1,000 identifiers, as JSON `{items}` or an uploaded CSV
 * (Content-Type: text/csv, options in the query): a small list is screened at once (batch_analysis), a large one in
 * the background (202 with statusUrl).
 */
export default defineEndpoint({
  name: "analyze",
  methods: ["POST"],
  steps: [authenticate, scope("tokens:spend")],
  query: analyzeQuery,
  body: analyzeBody,
  rawBodyTypes: ANALYZE_RAW_TYPES,
  bodyLimitBytes: ANALYZE_BODY_LIMIT_BYTES,
  handle: analyze,
});

export const config: Config = { path: "/api/v1/analyze" };
