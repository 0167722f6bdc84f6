import type { Config } from "@netlify/functions";
import { authenticate, configBody, defineServicesEndpoint, scope, scoringConfig } from "../../src/app/index.ts";

/** GET (ETag, If-None-Match) / PUT (admin, If-Match required) the scoring settings (docs/scoring.md#configuration). */
export default defineServicesEndpoint({
  name: "config",
  methods: ["GET", "PUT"],
  steps: [authenticate, scope("admin", ["PUT"])],
  body: configBody,
  handle: scoringConfig,
});

export const config: Config = { path: "/api/v1/config" };
