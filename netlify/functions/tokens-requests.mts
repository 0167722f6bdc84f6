import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, tokenRequests, tokenRequestsQuery } from "../../src/app/index.ts";

/** GET /api/v1/tokens/requests — the latest guarded requests with reserved / spent / reason. 0 tokens. */
export default defineServicesEndpoint({
  name: "tokens-requests",
  methods: ["GET"],
  steps: [authenticate],
  query: tokenRequestsQuery,
  handle: ({ query }, ctx) => tokenRequests(query, ctx),
});

export const config: Config = { path: "/api/v1/tokens/requests" };
