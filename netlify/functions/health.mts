import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { jsonResponse } from "../../src/shared/http/problem.ts";

/** Liveness: answers without any I/O, so it costs nothing and never touches Keepa (R4). */
export default defineEndpoint({
  name: "health",
  auth: "public",
  methods: ["GET"],
  handle: async () => jsonResponse({ status: "ok", service: "arbitragevault", time: new Date().toISOString() }),
});

export const config: Config = { path: "/health" };
