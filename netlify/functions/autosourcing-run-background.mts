import { defineEndpoint, internalSignature, workerBody, workJob } from "../../src/app/index.ts";

/**
 * AutoSourcing worker (background function: up to 15 min, the caller gets 202 at once). Only requests signed with
 * INTERNAL_SIGNING_SECRET by the scheduler or the webhook trigger get in. Served at
 * /.netlify/functions/autosourcing-run-background (background functions keep the default path).
 */
export default defineEndpoint({
  name: "autosourcing-run-background",
  methods: ["POST"],
  steps: [internalSignature],
  body: workerBody,
  handle: workJob,
});
