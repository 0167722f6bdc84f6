import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, scope, verifyPurchase } from "../../src/app/index.ts";
import { verifyPurchaseBody } from "../../src/sourcing/index.ts";

/** POST /api/v1/products/:asin/verify — verify before buying (verify_purchase): OK / CHANGED / AVOID and today's score. */
export default defineEndpoint({
  name: "products-verify",
  methods: ["POST"],
  steps: [authenticate, scope("tokens:spend")],
  body: verifyPurchaseBody,
  handle: verifyPurchase,
});

export const config: Config = { path: "/api/v1/products/:asin/verify" };
