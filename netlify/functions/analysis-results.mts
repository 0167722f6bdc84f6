import type { Config } from "@netlify/functions";
import { analysisResults, authenticate, defineServicesEndpoint } from "../../src/app/index.ts";
import { analysisResultsQuery } from "../../src/autosourcing/index.ts";

/** GET /api/v1/analyze/:id/results?cursor=&limit=&status= — a page of a batch analysis's rows (0 tokens). */
export default defineServicesEndpoint({
  name: "analysis-results",
  methods: ["GET"],
  steps: [authenticate],
  query: analysisResultsQuery,
  handle: analysisResults,
});

export const config: Config = { path: "/api/v1/analyze/:id/results" };
