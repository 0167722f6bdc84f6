import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, discoverWithScoring, scope } from "../../src/app/index.ts";
import { discoverWithScoringBody } from "../../src/sourcing/index.ts";

/** POST /api/v1/products/discover_with_scoring (and the original frontend's hyphenated path) — manual_search. */
export default defineEndpoint({
  name: "products-discover-with-scoring",
  methods: ["POST"],
  steps: [authenticate, scope("tokens:spend")],
  body: discoverWithScoringBody,
  handle: discoverWithScoring,
});

export const config: Config = {
  path: ["/api/v1/products/discover_with_scoring", "/api/v1/products/discover-with-scoring"],
};
