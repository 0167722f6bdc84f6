import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, job } from "../../src/app/index.ts";

/** GET /api/v1/autosourcing/jobs/:id — one job with its picks. */
export default defineServicesEndpoint({
  name: "autosourcing-job",
  methods: ["GET"],
  steps: [authenticate],
  handle: job,
});

export const config: Config = { path: "/api/v1/autosourcing/jobs/:id" };
