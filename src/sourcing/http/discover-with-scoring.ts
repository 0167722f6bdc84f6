import type { EndpointContext } from "../../shared/http/endpoint.ts";
import { sourcingCache } from "../cache/index.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { executeRun } from "../pipeline/run.ts";
import { byRanking, scoredView } from "../view.ts";
import type { ScoredProductView } from "../view.ts";
import { toCents } from "../math.ts";
import { queryEcho } from "./query-echo.ts";
import { actionBudget, runPlanned } from "./run-planned.ts";
import type { DiscoverWithScoringBody } from "./schemas.ts";
import { searchSlot } from "./search-slot.ts";

/** What the caller asked to see; a listing Amazon sells on is never shown, whatever its numbers (R18). */
export function passes(view: ScoredProductView, body: Pick<DiscoverWithScoringBody, "min_roi" | "min_velocity">): boolean {
  if (view.amazonOnListing === true) return false;
  if (body.min_roi !== undefined && (view.roiPercent === null || view.roiPercent < body.min_roi)) return false;
  return body.min_velocity === undefined || view.velocity >= body.min_velocity;
}

/**
 * POST /products/discover_with_scoring (manual_search): one Product Finder page, then /product for as many of the
 * top-ranked ASINs as the budget covers (cached ones free), scored with the chosen strategy.
 */
export async function discoverWithScoring(body: DiscoverWithScoringBody, ctx: EndpointContext): Promise<Response> {
  const domain = body.domain ?? ctx.config.KEEPA_DOMAIN;
  const cache = sourcingCache();
  const prepared = await prepareRun({
    cache, domain, slots: [searchSlot(body, body.max_results)], budget: actionBudget("manual_search"),
    perSlot: { max: body.max_results, min: 1 }, forceRefresh: body.force_refresh,
  });
  return runPlanned("manual_search", prepared.plan, { ctx, cache, domain }, async (runtime) => {
    const run = await executeRun(runtime, prepared);
    const slot = run.slots[0];
    const scored = (slot?.products ?? []).map((p) => scoredView(p, { strategy: body.strategy, sourcePriceCents: toCents(body.source_price) }));
    const products = scored.filter((v) => passes(v, body)).sort(byRanking);
    return {
      body: {
        products,
        totalCount: products.length,
        scored: scored.length,
        filteredOut: scored.length - products.length,
        discovered: slot?.asinList.length ?? 0,
        totalResults: slot?.totalResults ?? null,
        query: { ...queryEcho(body, domain), strategy: body.strategy, minRoi: body.min_roi ?? null, minVelocity: body.min_velocity ?? null },
        plan: prepared.plan,
        partial: run.partial,
        cuts: run.cuts,
      },
      tokens: { cacheHits: { discovery: run.cache.discoveryHits, products: run.cache.productHits }, productsFetched: run.cache.productsFetched, partial: run.partial },
    };
  });
}
