import type { Config } from "@netlify/functions";
import { getConfig } from "../../src/shared/config.ts";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { tokenStatusResponse } from "../../src/tokens/status-endpoint.ts";

/** GET /api/v1/tokens — the shared budget as the ledger sees it. 0 tokens; /token only when the snapshot is stale. */
export default defineEndpoint({
  name: "tokens",
  methods: ["GET"],
  handle: async (_input, ctx) => tokenStatusResponse(ctx, getConfig().SNAPSHOT_STALE_MS),
});

export const config: Config = { path: "/api/v1/tokens" };
