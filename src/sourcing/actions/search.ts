import { currencyOf } from "../../keepa/index.ts";
import { bsrBands, finderSelection, perPageFor } from "../discovery/selection.ts";
import { VERIFY_UNIT_COST } from "../pipeline/details.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { answerRun } from "../pipeline/run.ts";
import type { PlannedAction, PlanningDeps, SlotSpec, SpendingClient } from "../pipeline/types.ts";
import { toCents } from "../scoring/math.ts";
import { byRanking, meetsThresholds, scoredView, verificationOrder } from "../scoring/view.ts";
import { costModelEcho, scoringChoice } from "./economics-inputs.ts";
import type { DiscoverBody, DiscoverWithScoringBody } from "./inputs.ts";

type SearchFilters = Pick<DiscoverBody, "category" | "bsrMin" | "bsrMax" | "priceMin" | "priceMax" | "excludeAmazon">;

/** The filters as understood (category resolved, prices in cents): echoed so a caller sees what was searched. */
export function queryEcho(body: SearchFilters, domain: number) {
  return {
    domain,
    currency: currencyOf(domain),
    category: body.category ? { id: body.category.id, name: body.category.name } : null,
    bsrRange: { min: body.bsrMin ?? null, max: body.bsrMax ?? null },
    priceRange: { minCents: toCents(body.priceMin) ?? null, maxCents: toCents(body.priceMax) ?? null },
    excludeAmazon: body.excludeAmazon,
  };
}

/**
 * The manual search's discovery slots: one page of whole hundreds (see {@link perPageFor}), or with `banded` one page
 * per BSR band of a wide range so the products screened cover it (docs/economics.md#spread-across-the-bsr-range).
 */
export function searchSlots(body: SearchFilters, wanted: number, banded: boolean): SlotSpec[] {
  const bands = banded ? bsrBands({ min: body.bsrMin, max: body.bsrMax }) : [{ min: body.bsrMin, max: body.bsrMax }];
  return bands.map((bsr, i) => ({
    id: bands.length > 1 ? `search-band-${i + 1}` : "search",
    selection: finderSelection({
      categoryIds: body.category ? [body.category.id] : [],
      bsr,
      priceCents: { min: toCents(body.priceMin), max: toCents(body.priceMax) },
      excludeAmazon: body.excludeAmazon,
      perPage: perPageFor(bands.length > 1 ? Math.ceil(wanted / bands.length) : wanted),
    }),
  }));
}

/**
 * POST /products/discover (manual_search): one Product Finder page, ASINs only — 11 tokens (12 above 100), 0 cached.
 */
export async function planDiscover(body: DiscoverBody, deps: PlanningDeps): Promise<PlannedAction> {
  const prepared = await prepareRun({
    cache: deps.cache,
    domain: body.domain ?? deps.domain,
    slots: searchSlots(body, body.maxResults, false),
    budget: deps.budget("manual_search"),
    perSlot: { max: 0, min: 0 },
  });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const slot = result.slots[0];
      const asins = (slot?.asinList ?? []).slice(0, body.maxResults);
      const query = queryEcho(body, prepared.domain);
      return { asins, count: asins.length, totalResults: slot?.totalResults ?? null, query };
    });
  return { action: "manual_search", plan: prepared.plan, run };
}

/**
 * POST /products/discover_with_scoring (manual_search): one Product Finder page per BSR band, then /product for as
 * many products as the budget covers, spread over each band (cached ones free), then the best of them verified with
 * live offers (docs/economics.md#two-stage-funnel), scored with the chosen strategy, condition and cost model.
 */
export async function planDiscoverWithScoring(
  body: DiscoverWithScoringBody,
  deps: PlanningDeps,
): Promise<PlannedAction> {
  const choice = { ...scoringChoice(body), config: deps.scoring };
  const slots = searchSlots(body, body.maxResults, true);
  const perSlot = Math.ceil(body.maxResults / slots.length);
  const prepared = await prepareRun({
    cache: deps.cache,
    domain: body.domain ?? deps.domain,
    slots,
    budget: deps.budget("manual_search"),
    perSlot: { max: perSlot, min: 1 },
    forceRefresh: body.forceRefresh,
    // Page n screens the next products of the same cached band lists: only page 1 (or a cold one) pays for a page.
    page: { number: body.page, size: perSlot },
    verify: { max: body.verify, rank: (products) => verificationOrder(products, choice) },
    bsrRange: { min: body.bsrMin, max: body.bsrMax },
  });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const scored = result.slots.flatMap((slot) => slot.products).map((p) => scoredView(p, choice));
      const thresholds = { minRoi: body.minRoi, minVelocity: body.minVelocity };
      const products = scored
        .filter((v) => meetsThresholds(v, thresholds))
        .sort(byRanking)
        .slice(0, body.maxResults);
      const query = { ...queryEcho(body, prepared.domain), strategy: body.strategy, minRoi: body.minRoi ?? null };
      return {
        products,
        totalCount: products.length,
        scored: scored.length,
        verified: scored.filter((v) => v.verified).length,
        filteredOut: scored.length - products.length,
        discovered: result.slots.reduce((n, slot) => n + slot.asinList.length, 0),
        totalResults: result.slots.reduce<number | null>(
          (n, slot) => (slot.totalResults === null ? n : (n ?? 0) + slot.totalResults),
          null,
        ),
        query: {
          ...query,
          minVelocity: body.minVelocity ?? null,
          sellCondition: choice.sellCondition,
          costModel: costModelEcho(choice.costModel),
          verify: body.verify,
          verifyUnitCost: VERIFY_UNIT_COST,
        },
      };
    });
  return { action: "manual_search", plan: prepared.plan, run };
}
