import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, picks, picksQuery } from "../../src/app/index.ts";

/** GET /api/v1/picks?action=&limit=&cursor= — the buy list across jobs; CSV with Accept: text/csv (0 tokens). */
export default defineServicesEndpoint({
  name: "picks",
  methods: ["GET"],
  steps: [authenticate],
  query: picksQuery,
  handle: picks,
});

export const config: Config = { path: "/api/v1/picks" };
