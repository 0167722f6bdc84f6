import type { Config } from "@netlify/functions";
import { defineServicesEndpoint } from "../../src/app/index.ts";
import { problems } from "../../src/shared/index.ts";

/** Any /api path no other function claims: a JSON 404 instead of an HTML page. */
export default defineServicesEndpoint({
  name: "not-found",
  // Public: a 404 reveals nothing the routing table does not, and a 401 would hide typos in client paths.
  steps: [],
  methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  handle: async (_input, ctx) => {
    throw problems.notFound(`No endpoint at ${ctx.url.pathname}.`);
  },
});

// Routed by the /api/* rewrite in netlify.toml: rewrites apply only after every function path has had its chance.
export const config: Config = {};
