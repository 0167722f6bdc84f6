import type { Config } from "@netlify/functions";
import { z } from "zod";
import { getConfig } from "../../src/shared/config.ts";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { jsonResponse } from "../../src/shared/http/problem.ts";
import { getRedis } from "../../src/shared/redis.ts";
import { balanceHistory } from "../../src/tokens/activity.ts";

/** GET /api/v1/tokens/history?minutes=60 — available-balance samples for the dashboard's sparkline. 0 tokens. */
export default defineEndpoint({
  name: "tokens-history",
  methods: ["GET"],
  query: z.object({ minutes: z.coerce.number().int().min(1).max(120).default(60) }),
  handle: async ({ query }) => {
    const points = await balanceHistory(getRedis(), getConfig().LEDGER_PREFIX, Date.now() - query.minutes * 60_000);
    return jsonResponse({ points });
  },
});

export const config: Config = { path: "/api/v1/tokens/history" };
