import type { Config } from "@netlify/functions";
import { defineServicesEndpoint, liveness } from "../../src/app/index.ts";

/** Liveness: answers without any I/O, so it costs nothing and never touches Keepa. */
export default defineServicesEndpoint({ name: "health", methods: ["GET"], steps: [], handle: liveness });

export const config: Config = { path: "/health" };
