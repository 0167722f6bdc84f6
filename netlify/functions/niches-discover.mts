import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, discoverNiches, scope } from "../../src/app/index.ts";
import { nichesInput } from "../../src/sourcing/index.ts";

/** GET|POST /api/v1/niches/discover — "Surprise me" (surprise_me): options in the query (GET) or the body (POST). */
export default defineEndpoint({
  name: "niches-discover",
  methods: ["GET", "POST"],
  steps: [authenticate, scope("tokens:spend")],
  query: nichesInput,
  body: nichesInput,
  handle: discoverNiches,
});

export const config: Config = { path: "/api/v1/niches/discover" };
