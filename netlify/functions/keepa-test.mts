import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, lookupProduct, scope } from "../../src/app/index.ts";
import { keepaTestQuery } from "../../src/sourcing/index.ts";

/** GET /api/v1/keepa/test?asin= — one ASIN or ISBN, normalized and scored (product_lookup). */
export default defineEndpoint({
  name: "keepa-test",
  methods: ["GET"],
  steps: [authenticate, scope("tokens:spend")],
  query: keepaTestQuery,
  handle: lookupProduct,
});

export const config: Config = { path: "/api/v1/keepa/test" };
