import type { Config } from "@netlify/functions";
import { defineServicesEndpoint, readiness } from "../../src/app/index.ts";

/** Readiness: Redis and Postgres reachable through the production clients. 0 Keepa tokens. */
export default defineServicesEndpoint({ name: "health-ready", methods: ["GET"], steps: [], handle: readiness });

export const config: Config = { path: "/api/v1/health/ready" };
