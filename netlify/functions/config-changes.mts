import type { Config } from "@netlify/functions";
import { authenticate, configChangesQuery, defineServicesEndpoint, scoringConfigChanges } from "../../src/app/index.ts";

/** GET /api/v1/config/changes — the scoring settings' audit log, newest first (docs/scoring.md#configuration). */
export default defineServicesEndpoint({
  name: "config-changes",
  methods: ["GET"],
  steps: [authenticate],
  query: configChangesQuery,
  handle: scoringConfigChanges,
});

export const config: Config = { path: "/api/v1/config/changes" };
