import type { Config } from "@netlify/functions";
import { defineServicesEndpoint, openApi } from "../../src/app/index.ts";

/** GET /api/v1/openapi.json — the API contract (OpenAPI 3.1), generated from the schemas; public, 0 tokens. */
export default defineServicesEndpoint({ name: "openapi", methods: ["GET"], steps: [], handle: openApi });

export const config: Config = { path: "/api/v1/openapi.json" };
