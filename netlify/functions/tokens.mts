import type { Config } from "@netlify/functions";
import { authenticate, defineEndpoint, tokenStatus } from "../../src/app/index.ts";

/** GET /api/v1/tokens — the shared budget as the ledger sees it. 0 tokens; /token only when the snapshot is stale. */
export default defineEndpoint({
  name: "tokens",
  methods: ["GET"],
  steps: [authenticate],
  handle: async (_input, ctx) => tokenStatus(ctx, ctx.config.SNAPSHOT_STALE_MS),
});

export const config: Config = { path: "/api/v1/tokens" };
