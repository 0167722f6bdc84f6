import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { problems } from "../../src/shared/http/problem.ts";
import { discoverWithScoring } from "../../src/sourcing/http/discover-with-scoring.ts";
import { discoverWithScoringBody } from "../../src/sourcing/http/schemas.ts";

/** POST /api/v1/products/discover_with_scoring (and the original frontend's hyphenated path) — manual_search. */
export default defineEndpoint({
  name: "products-discover-with-scoring",
  scope: "tokens:spend",
  methods: ["POST"],
  body: discoverWithScoringBody,
  handle: async ({ body }, ctx) => {
    if (!body) throw problems.badRequest("Send a JSON body.");
    return discoverWithScoring(body, ctx);
  },
});

export const config: Config = { path: ["/api/v1/products/discover_with_scoring", "/api/v1/products/discover-with-scoring"] };
