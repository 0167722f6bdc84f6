import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { keepaTest } from "../../src/sourcing/http/keepa-test.ts";
import { keepaTestQuery } from "../../src/sourcing/http/schemas.ts";

/** GET /api/v1/keepa/test?asin= — one ASIN or ISBN, normalized and scored (product_lookup). */
export default defineEndpoint({
  name: "keepa-test",
  scope: "tokens:spend",
  methods: ["GET"],
  query: keepaTestQuery,
  handle: async ({ query }, ctx) => keepaTest(query, ctx),
});

export const config: Config = { path: "/api/v1/keepa/test" };
