import type { EndpointContext } from "../../shared/http/endpoint.ts";
import { sourcingCache } from "../cache/index.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { executeRun } from "../pipeline/run.ts";
import { queryEcho } from "./query-echo.ts";
import { actionBudget, runPlanned } from "./run-planned.ts";
import type { DiscoverBody } from "./schemas.ts";
import { searchSlot } from "./search-slot.ts";

/** POST /products/discover (manual_search): one Product Finder page, ASINs only — 11 tokens (12 above 100), 0 cached. */
export async function discoverProducts(body: DiscoverBody, ctx: EndpointContext): Promise<Response> {
  const domain = body.domain ?? ctx.config.KEEPA_DOMAIN;
  const cache = sourcingCache();
  const prepared = await prepareRun({ cache, domain, slots: [searchSlot(body, body.max_results)], budget: actionBudget("manual_search"), perSlot: { max: 0, min: 0 } });
  return runPlanned("manual_search", prepared.plan, { ctx, cache, domain }, async (runtime) => {
    const run = await executeRun(runtime, prepared);
    const slot = run.slots[0];
    const asins = (slot?.asinList ?? []).slice(0, body.max_results);
    return {
      body: { asins, count: asins.length, totalResults: slot?.totalResults ?? null, query: queryEcho(body, domain), plan: prepared.plan, partial: run.partial, cuts: run.cuts },
      tokens: { cacheHits: { discovery: run.cache.discoveryHits, products: 0 }, partial: run.partial },
    };
  });
}
