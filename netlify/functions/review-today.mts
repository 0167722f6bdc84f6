import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, reviewQuery, reviewToday } from "../../src/app/index.ts";

/** GET /api/v1/review/today?daysBack=1..7&minRoi= — the daily review of the window's picks (0 tokens). */
export default defineServicesEndpoint({
  name: "review-today",
  methods: ["GET"],
  steps: [authenticate],
  query: reviewQuery,
  handle: reviewToday,
});

export const config: Config = { path: "/api/v1/review/today" };
