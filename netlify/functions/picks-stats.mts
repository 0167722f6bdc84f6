import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, picksStats } from "../../src/app/index.ts";

/** GET /api/v1/picks/stats — picks per action, engagement over 7 days, the best pick of the day (0 tokens). */
export default defineServicesEndpoint({
  name: "picks-stats",
  methods: ["GET"],
  steps: [authenticate],
  handle: picksStats,
});

export const config: Config = { path: "/api/v1/picks/stats" };
