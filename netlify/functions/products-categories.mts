import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, listCategories } from "../../src/app/index.ts";

/** GET /api/v1/products/categories — the categories discovery accepts. Static: 0 tokens, no guard. */
export default defineServicesEndpoint({
  name: "products-categories",
  methods: ["GET"],
  steps: [authenticate],
  handle: listCategories,
});

export const config: Config = { path: "/api/v1/products/categories" };
