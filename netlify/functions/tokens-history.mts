import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, tokenHistory, tokenHistoryQuery } from "../../src/app/index.ts";

/** GET /api/v1/tokens/history?minutes=60 — available-balance samples for the dashboard's sparkline. 0 tokens. */
export default defineServicesEndpoint({
  name: "tokens-history",
  methods: ["GET"],
  steps: [authenticate],
  query: tokenHistoryQuery,
  handle: ({ query }, ctx) => tokenHistory(query, ctx),
});

export const config: Config = { path: "/api/v1/tokens/history" };
