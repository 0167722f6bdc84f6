import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, tokenStatus } from "../../src/app/index.ts";

const FRESH_FOR_MS = 60_000;

/** GET /api/v1/keepa/status — the token view plus a free /token sync when the stored one is over a minute old. */
export default defineEndpoint({
  name: "keepa-status",
  methods: ["GET"],
  steps: [authenticate],
  handle: async (_input, ctx) => tokenStatus(ctx, FRESH_FOR_MS),
});

export const config: Config = { path: "/api/v1/keepa/status" };
