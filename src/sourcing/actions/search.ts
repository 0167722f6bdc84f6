import { bsrBands, finderSelection, perPageFor } from "../discovery/selection.ts";
import { VERIFY_UNIT_COST } from "../pipeline/details.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { answerRun } from "../pipeline/run.ts";
import type { PlannedAction, PlanningDeps, SlotSpec, SpendingClient } from "../pipeline/types.ts";
import { toCents } from "../scoring/math.ts";
import { byRanking, meetsThresholds, scoredView, verificationOrder } from "../scoring/view.ts";
import { costModelEcho, scoringChoice } from "./economics-inputs.ts";
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

/**
 * The manual search's discovery slots: one page of whole hundreds (see {@link perPageFor}), or with `banded` one page
 * per BSR band of a wide range so the products screened cover it (docs/economics.md#spread-across-the-bsr-range).
 */
export function searchSlots(body: SearchFilters, wanted: number, banded: boolean): SlotSpec[] {
  const bands = banded
    ? bsrBands({ min: body.bsr_min, max: body.bsr_max })
    : [{ min: body.bsr_min, max: body.bsr_max }];
  return bands.map((bsr, i) => ({
    id: bands.length > 1 ? `search-band-${i + 1}` : "search",
    selection: finderSelection({
      categoryIds: body.category ? [body.category.id] : [],
      bsr,
      priceCents: { min: toCents(body.price_min), max: toCents(body.price_max) },
      excludeAmazon: body.exclude_amazon,
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
    slots: searchSlots(body, body.max_results, false),
    budget: deps.budget("manual_search"),
    perSlot: { max: 0, min: 0 },
  });
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
 * POST /products/discover_with_scoring (manual_search): one Product Finder page per BSR band, then /product for as
 * many products as the budget covers, spread over each band (cached ones free), then the best of them verified with
 * live offers (docs/economics.md#two-stage-funnel), scored with the chosen strategy, condition and cost model.
 */
export async function planDiscoverWithScoring(
  body: DiscoverWithScoringBody,
  deps: PlanningDeps,
): Promise<PlannedAction> {
  const choice = { ...scoringChoice(body), config: deps.scoring };
  const slots = searchSlots(body, body.max_results, true);
  const prepared = await prepareRun({
    cache: deps.cache,
    domain: body.domain ?? deps.domain,
    slots,
    budget: deps.budget("manual_search"),
    perSlot: { max: Math.ceil(body.max_results / slots.length), min: 1 },
    forceRefresh: body.force_refresh,
    verify: { max: body.verify, rank: (products) => verificationOrder(products, choice) },
    bsrRange: { min: body.bsr_min, max: body.bsr_max },
  });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const scored = result.slots.flatMap((slot) => slot.products).map((p) => scoredView(p, choice));
      const thresholds = { minRoi: body.min_roi, minVelocity: body.min_velocity };
      const products = scored
        .filter((v) => meetsThresholds(v, thresholds))
        .sort(byRanking)
        .slice(0, body.max_results);
      const query = { ...queryEcho(body, prepared.domain), strategy: body.strategy, minRoi: body.min_roi ?? null };
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
          minVelocity: body.min_velocity ?? null,
          sellCondition: choice.sellCondition,
          costModel: costModelEcho(choice.costModel),
          verify: body.verify,
          verifyUnitCost: VERIFY_UNIT_COST,
        },
      };
    });
  return { action: "manual_search", plan: prepared.plan, run };
}
