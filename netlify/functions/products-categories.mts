import type { Config } from "@netlify/functions";
import { authenticate, categoriesQuery, defineServicesEndpoint, listCategories } from "../../src/app/index.ts";

/** GET /api/v1/products/categories?limit=&cursor= — the categories discovery accepts, a page at a time. 0 tokens. */
export default defineServicesEndpoint({
  name: "products-categories",
  methods: ["GET"],
  steps: [authenticate],
  query: categoriesQuery,
  handle: listCategories,
});

export const config: Config = { path: "/api/v1/products/categories" };
