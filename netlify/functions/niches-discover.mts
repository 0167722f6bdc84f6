import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { discoverNiches } from "../../src/sourcing/http/niches.ts";
import { nichesInput } from "../../src/sourcing/http/schemas.ts";
import type { NichesInput } from "../../src/sourcing/http/schemas.ts";

/** GET|POST /api/v1/niches/discover — "Surprise me" (surprise_me): options in the query (GET) or the body (POST). */
export default defineEndpoint<NichesInput, NichesInput>({
  name: "niches-discover",
  scope: "tokens:spend",
  methods: ["GET", "POST"],
  query: nichesInput,
  body: nichesInput,
  handle: async ({ query, body }, ctx) => discoverNiches(body ?? query, ctx),
});

export const config: Config = { path: "/api/v1/niches/discover" };
