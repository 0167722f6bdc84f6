import type { Config } from "@netlify/functions";
import { defineEndpoint, runBody, signature, triggerJob } from "../../src/app/index.ts";

/** POST /api/v1/autosourcing/run — HMAC-signed webhook trigger for automation tools (WEBHOOK_SECRET). */
export default defineEndpoint({
  name: "autosourcing-run",
  methods: ["POST"],
  steps: [
    signature((config) => config.WEBHOOK_SECRET, "The webhook trigger is disabled: WEBHOOK_SECRET is not configured.", {
      once: true,
    }),
  ],
  body: runBody,
  handle: triggerJob,
});

export const config: Config = { path: "/api/v1/autosourcing/run" };
