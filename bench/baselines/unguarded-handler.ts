// discover_with_scoring without the ledger, for B3: the same endpoint wrapper, pipeline, Keepa calls and scoring as
// netlify/functions/products-discover-with-scoring.mts, with the guard replaced by nothing (or by `gate`).
import { defineEndpoint } from "../../src/shared/http/endpoint.ts";
import type { EndpointHandler } from "../../src/shared/http/endpoint.ts";
import { jsonResponse, problems } from "../../src/shared/http/problem.ts";
import { keepaClient } from "../../src/shared/keepa.ts";
import { sourcingCache } from "../../src/sourcing/cache/index.ts";
import { actionBudget } from "../../src/sourcing/http/run-planned.ts";
import { discoverWithScoringBody } from "../../src/sourcing/http/schemas.ts";
import type { DiscoverWithScoringBody } from "../../src/sourcing/http/schemas.ts";
import { searchSlot } from "../../src/sourcing/http/search-slot.ts";
import { prepareRun } from "../../src/sourcing/pipeline/prepare.ts";
import { executeRun } from "../../src/sourcing/pipeline/run.ts";
import { byRanking, scoredView } from "../../src/sourcing/view.ts";

/** Decides before any Keepa call; false = refuse with 429. */
export type Gate = (cost: number) => Promise<boolean>;

export function unguardedDiscover(gate?: Gate): EndpointHandler {
  return defineEndpoint<Record<string, never>, DiscoverWithScoringBody>({
    name: "bench-discover-unguarded",
    scope: "tokens:spend",
    methods: ["POST"],
    body: discoverWithScoringBody,
    handle: async ({ body }, ctx) => {
      if (!body) throw problems.badRequest("Send a JSON body.");
      const cache = sourcingCache();
      const domain = body.domain ?? ctx.config.KEEPA_DOMAIN;
      const prepared = await prepareRun({
        cache, domain, slots: [searchSlot(body, body.max_results)], budget: actionBudget("manual_search"),
        perSlot: { max: body.max_results, min: 1 }, forceRefresh: body.force_refresh,
      });
      if (gate && !(await gate(prepared.plan.cost))) return jsonResponse({ title: "Too Many Requests" }, { status: 429 });
      const run = await executeRun({ keepa: keepaClient(), cache, domain, remaining: () => prepared.plan.cost }, prepared);
      const products = (run.slots[0]?.products ?? []).map((p) => scoredView(p, { strategy: body.strategy })).sort(byRanking);
      return jsonResponse({ products, plan: prepared.plan, partial: run.partial });
    },
  });
}
