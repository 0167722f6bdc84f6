import { finderSelection, perPageFor } from "../discovery/selection.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { answerRun } from "../pipeline/run.ts";
import type { PlannedAction, PlanningDeps, SlotSpec, SpendingClient } from "../pipeline/types.ts";
import { toCents } from "../scoring/math.ts";
import { byRanking, meetsThresholds, scoredView } from "../scoring/view.ts";
import type { DiscoverBody, DiscoverWithScoringBody } from "./inputs.ts";

type SearchFilters = Pick<
  DiscoverBody,
  "category" | "bsr_min" | "bsr_max" | "price_min" | "price_max" | "exclude_amazon"
>;

/** The filters as understood (category resolved, prices in cents): echoed so a caller sees what was searched. */
export function queryEcho(body: SearchFilters, domain: number) {
  return {
    domain,
    category: body.category ? { id: body.category.id, name: body.category.name } : null,
    bsrRange: { min: body.bsr_min ?? null, max: body.bsr_max ?? null },
    priceRangeCents: { min: toCents(body.price_min) ?? null, max: toCents(body.price_max) ?? null },
    excludeAmazon: body.exclude_amazon,
  };
}

/** The manual search as one discovery slot, on a page of whole hundreds (see {@link perPageFor}). */
export function searchSlot(body: SearchFilters, wanted: number): SlotSpec {
  const selection = finderSelection({
    categoryIds: body.category ? [body.category.id] : [],
    bsr: { min: body.bsr_min, max: body.bsr_max },
    priceCents: { min: toCents(body.price_min), max: toCents(body.price_max) },
    excludeAmazon: body.exclude_amazon,
    perPage: perPageFor(wanted),
  });
  return { id: "search", selection };
}

/** The search's plan: one discovery slot on a whole-hundreds page, `perSlot` products to detail. */
function prepareSearch(
  body: DiscoverBody | DiscoverWithScoringBody,
  deps: PlanningDeps,
  perSlot: { max: number; min: number },
) {
  return prepareRun({
    cache: deps.cache,
    domain: body.domain ?? deps.domain,
    slots: [searchSlot(body, body.max_results)],
    budget: deps.budget("manual_search"),
    perSlot,
    forceRefresh: "force_refresh" in body ? body.force_refresh : false,
  });
}

/**
 * POST /products/discover (manual_search): one Product Finder page, ASINs only — 11 tokens (12 above 100), 0 cached.
 */
export async function planDiscover(body: DiscoverBody, deps: PlanningDeps): Promise<PlannedAction> {
  const prepared = await prepareSearch(body, deps, { max: 0, min: 0 });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const slot = result.slots[0];
      const asins = (slot?.asinList ?? []).slice(0, body.max_results);
      const query = queryEcho(body, prepared.domain);
      return { asins, count: asins.length, totalResults: slot?.totalResults ?? null, query };
    });
  return { action: "manual_search", plan: prepared.plan, run };
}

/**
 * POST /products/discover_with_scoring (manual_search): one Product Finder page, then /product for as many of the
 * top-ranked ASINs as the budget covers (cached ones free), scored with the chosen strategy.
 */
export async function planDiscoverWithScoring(
  body: DiscoverWithScoringBody,
  deps: PlanningDeps,
): Promise<PlannedAction> {
  const prepared = await prepareSearch(body, deps, { max: body.max_results, min: 1 });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const slot = result.slots[0];
      const sourcePriceCents = toCents(body.source_price);
      const scored = (slot?.products ?? []).map((p) => scoredView(p, { strategy: body.strategy, sourcePriceCents }));
      const thresholds = { minRoi: body.min_roi, minVelocity: body.min_velocity };
      const products = scored.filter((v) => meetsThresholds(v, thresholds)).sort(byRanking);
      const query = { ...queryEcho(body, prepared.domain), strategy: body.strategy, minRoi: body.min_roi ?? null };
      return {
        products,
        totalCount: products.length,
        scored: scored.length,
        filteredOut: scored.length - products.length,
        discovered: slot?.asinList.length ?? 0,
        totalResults: slot?.totalResults ?? null,
        query: { ...query, minVelocity: body.min_velocity ?? null },
      };
    });
  return { action: "manual_search", plan: prepared.plan, run };
}
