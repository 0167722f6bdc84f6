import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { jsonResponse } from "../../src/shared/http/problem.ts";
import { SUPPORTED_CATEGORIES } from "../../src/sourcing/supported-categories.ts";

/** GET /api/v1/products/categories — the categories discovery accepts. Static: 0 tokens, no guard. */
export default defineEndpoint({
  name: "products-categories",
  methods: ["GET"],
  handle: async () => jsonResponse({ categories: SUPPORTED_CATEGORIES, count: SUPPORTED_CATEGORIES.length, tokens: { spent: 0 } }),
});

export const config: Config = { path: "/api/v1/products/categories" };
