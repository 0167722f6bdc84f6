import { normalizeProduct } from "../../keepa/index.ts";
import type { NormalizedProduct } from "../../keepa/index.ts";
import { problems } from "../../shared/index.ts";
import type { SourcingCache } from "../cache/index.ts";
import { cutReason } from "../discovery/cut.ts";
import type { CutReason } from "../discovery/cut.ts";
import { parseProductIdentifier } from "../catalogue/identifiers.ts";
import type { ProductIdentifier } from "../catalogue/identifiers.ts";
import { DETAIL_STATS_DAYS, VERIFY_OFFERS, VERIFY_UNIT_COST } from "../pipeline/details.ts";
import type { PlannedAction, PlanningDeps, SourcingRuntime, SpendingClient } from "../pipeline/types.ts";
import { planLookup } from "../pipeline/plan.ts";
import { scoredView } from "../scoring/view.ts";
import { scoringChoice } from "./economics-inputs.ts";
import { productView } from "./product-view.ts";
import type { KeepaTestQuery } from "./inputs.ts";

function identifierOrThrow(raw: string): ProductIdentifier {
  const parsed = parseProductIdentifier(raw);
  if ("error" in parsed)
    throw problems.badRequest("Invalid query: asin.", { errors: [{ field: "asin", message: parsed.error }] });
  return parsed;
}

/** A cached product for the identifier: a code is first resolved to its ASIN through the code cache. */
async function cachedLookup(
  cache: SourcingCache,
  domain: number,
  id: ProductIdentifier,
): Promise<NormalizedProduct | undefined> {
  const asin = id.kind === "code" ? await cache.getCodeAsin(domain, id.code) : id.asin;
  return asin === undefined ? undefined : (await cache.getProducts(domain, [asin])).get(asin);
}

/**
 * 1 token (12 at most with live offers): by ASIN, or for a 979 ISBN-13 by code limited to one product (a code can
 * match many, docs/keepa.md#codes-and-isbns). The product is cached, and a code's ASIN too, so a repeat costs 0.
 */
export async function fetchOne(
  runtime: SourcingRuntime,
  id: ProductIdentifier,
  options: { verify?: boolean } = {},
): Promise<{ product?: NormalizedProduct; partial: boolean; cut?: CutReason }> {
  const offers = options.verify ? { offers: VERIFY_OFFERS, onlyLiveOffers: true } : {};
  const common = { domain: runtime.domain, stats: DETAIL_STATS_DAYS, history: false, ...offers } as const;
  try {
    const result =
      id.kind === "code"
        ? await runtime.keepa.products({ ...common, codes: [id.code], codeLimit: 1 })
        : await runtime.keepa.products({ ...common, asins: [id.asin] });
    const raw = result.products[0];
    if (!raw) return { partial: false };
    // The runtime's clock, as the pipeline uses: it decides whether a csv rank is still "current".
    const product = normalizeProduct(raw, { now: (runtime.now ?? Date.now)() });
    await runtime.cache.putProducts(runtime.domain, [product]);
    if (id.kind === "code") await runtime.cache.putCodeAsin(runtime.domain, id.code, product.asin);
    return { product, partial: false };
  } catch (error) {
    // Out of budget or time: an honest partial answer. Keepa failing is an outage, answered as one (502).
    const reason = cutReason(error);
    if (reason === undefined || reason === "keepa_error") throw error;
    return { partial: true, cut: reason };
  }
}

/**
 * GET /keepa/test?asin= (product_lookup): one ASIN or ISBN, normalized and scored; verified with live offers (up to
 * 12 tokens) unless `verify=false` (1 token); 0 from cache when the cached copy is good enough.
 */
export async function planProductLookup(query: KeepaTestQuery, deps: PlanningDeps): Promise<PlannedAction> {
  const id = identifierOrThrow(query.asin ?? query.identifier ?? "");
  const domain = query.domain ?? deps.domain;
  const hit = query.forceRefresh ? undefined : await cachedLookup(deps.cache, domain, id);
  const state = hit === undefined ? "none" : hit.verification ? "verified" : "screened";
  const plan = planLookup(deps.budget("product_lookup"), state, query.verify ? VERIFY_UNIT_COST : 0);
  const cached = plan.cost === 0 ? hit : undefined;
  const run = async (client: SpendingClient) => {
    const runtime = { ...client, cache: deps.cache, domain, now: deps.now };
    const verify = plan.verify.planned > 0;
    const outcome = cached ? { product: cached, partial: false } : await fetchOne(runtime, id, { verify });
    const product = outcome.product;
    const found = product !== undefined && product.dataQuality !== "unavailable";
    return {
      body: {
        identifier: { input: id.input, kind: id.kind, asin: product?.asin ?? (id.kind === "code" ? null : id.asin) },
        found,
        source: cached ? "cache" : "keepa",
        product: product ? productView(product) : null,
        score: product ? scoredView(product, { ...scoringChoice(query), config: deps.scoring }) : null,
        plan,
        partial: outcome.partial,
        ...("cut" in outcome && outcome.cut ? { cut: outcome.cut } : {}),
      },
      partial: outcome.partial,
      cacheHits: { discovery: 0, products: cached ? 1 : 0 },
    };
  };
  return { action: "product_lookup", plan, run };
}
