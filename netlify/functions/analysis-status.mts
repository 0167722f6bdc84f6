import type { Config } from "@netlify/functions";
import { analysisStatus, authenticate, defineServicesEndpoint } from "../../src/app/index.ts";

/** GET /api/v1/analyze/:id — a batch analysis: status, progress, tokens spent (0 tokens). */
export default defineServicesEndpoint({
  name: "analysis-status",
  methods: ["GET"],
  steps: [authenticate],
  handle: analysisStatus,
});

export const config: Config = { path: "/api/v1/analyze/:id" };
