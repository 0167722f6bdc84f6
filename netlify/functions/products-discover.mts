import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { problems } from "../../src/shared/http/problem.ts";
import { discoverProducts } from "../../src/sourcing/http/discover.ts";
import { discoverBody } from "../../src/sourcing/http/schemas.ts";

/** POST /api/v1/products/discover — ASIN discovery (manual_search). */
export default defineEndpoint({
  name: "products-discover",
  scope: "tokens:spend",
  methods: ["POST"],
  body: discoverBody,
  handle: async ({ body }, ctx) => {
    if (!body) throw problems.badRequest("Send a JSON body.");
    return discoverProducts(body, ctx);
  },
});

export const config: Config = { path: "/api/v1/products/discover" };
