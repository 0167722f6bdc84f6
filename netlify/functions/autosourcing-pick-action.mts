import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, pickAction, pickActionBody, scope } from "../../src/app/index.ts";

/** PUT /api/v1/autosourcing/picks/:id/action — pending | to_buy | favorite | ignored | analyzing, with notes. */
export default defineServicesEndpoint({
  name: "autosourcing-pick-action",
  methods: ["PUT"],
  steps: [authenticate, scope("data:write")],
  body: pickActionBody,
  handle: pickAction,
});

export const config: Config = { path: "/api/v1/autosourcing/picks/:id/action" };
