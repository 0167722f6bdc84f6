import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, discoverProducts, scope } from "../../src/app/index.ts";
import { discoverBody } from "../../src/sourcing/index.ts";

/** POST /api/v1/products/discover — ASIN discovery (manual_search). */
export default defineEndpoint({
  name: "products-discover",
  methods: ["POST"],
  steps: [authenticate, scope("tokens:spend")],
  body: discoverBody,
  handle: discoverProducts,
});

export const config: Config = { path: "/api/v1/products/discover" };
