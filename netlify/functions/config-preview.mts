import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, previewBody, scoringConfigPreview } from "../../src/app/index.ts";

/** POST /api/v1/config/preview — cached products scored before/after some overrides, at 0 tokens. */
export default defineEndpoint({
  name: "config-preview",
  methods: ["POST"],
  steps: [authenticate],
  body: previewBody,
  handle: scoringConfigPreview,
});

export const config: Config = { path: "/api/v1/config/preview" };
