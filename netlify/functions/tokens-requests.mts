import type { Config } from "@netlify/functions";
import { z } from "zod";
import { getConfig } from "../../src/shared/config.ts";
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import { jsonResponse } from "../../src/shared/http/problem.ts";
import { getRedis } from "../../src/shared/redis.ts";
import { recentActivity } from "../../src/tokens/activity.ts";

/** GET /api/v1/tokens/requests — the latest guarded requests with reserved / spent / reason. 0 tokens. */
export default defineEndpoint({
  name: "tokens-requests",
  methods: ["GET"],
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  handle: async ({ query }) => jsonResponse({ requests: await recentActivity(getRedis(), getConfig().LEDGER_PREFIX, query.limit) }),
});

export const config: Config = { path: "/api/v1/tokens/requests" };
