import { normalizeProduct } from "../../keepa/normalize.ts";
import type { NormalizedProduct } from "../../keepa/normalize/types.ts";
import type { EndpointContext } from "../../shared/http/endpoint.ts";
import { problems } from "../../shared/http/problem.ts";
import { sourcingCache } from "../cache/index.ts";
import { cutReason } from "../discovery/cut.ts";
import { parseProductIdentifier } from "../identifiers.ts";
import type { ProductIdentifier } from "../identifiers.ts";
import { DETAIL_STATS_DAYS } from "../pipeline/details.ts";
import type { SourcingRuntime } from "../pipeline/types.ts";
import { planLookup } from "../plan.ts";
import { scoredView } from "../view.ts";
import { toCents } from "./fields.ts";
import { actionBudget, runPlanned } from "./run-planned.ts";
import type { KeepaTestQuery } from "./schemas.ts";

function identifierOrThrow(raw: string): ProductIdentifier {
  const parsed = parseProductIdentifier(raw);
  if ("error" in parsed) throw problems.badRequest("Invalid query: asin.", { errors: [{ field: "asin", message: parsed.error }] });
  return parsed;
}

/** 1 token: by ASIN, or for a 979 ISBN-13 by code limited to one product (a code can match many, §2.1). */
async function fetchOne(runtime: SourcingRuntime, id: ProductIdentifier): Promise<{ product?: NormalizedProduct; partial: boolean }> {
  const common = { domain: runtime.domain, stats: DETAIL_STATS_DAYS, history: false } as const;
  try {
    const result = id.kind === "code" ? await runtime.keepa.products({ ...common, codes: [id.code], codeLimit: 1 }) : await runtime.keepa.products({ ...common, asins: [id.asin] });
    const raw = result.products[0];
    if (!raw) return { partial: false };
    const product = normalizeProduct(raw, { now: Date.now() });
    await runtime.cache.putProducts(runtime.domain, [product]);
    return { product, partial: false };
  } catch (error) {
    if (!cutReason(error)) throw error;
    return { partial: true };
  }
}

/** GET /keepa/test?asin= (product_lookup): one ASIN or ISBN, normalized and scored; 1 token, 0 from cache. */
export async function keepaTest(query: KeepaTestQuery, ctx: EndpointContext): Promise<Response> {
  const id = identifierOrThrow(query.asin ?? query.identifier ?? "");
  const domain = query.domain ?? ctx.config.KEEPA_DOMAIN;
  const cache = sourcingCache();
  const cached = id.kind === "code" || query.force_refresh ? undefined : (await cache.getProducts(domain, [id.asin])).get(id.asin);
  const plan = planLookup(actionBudget("product_lookup"), cached !== undefined);
  return runPlanned("product_lookup", plan, { ctx, cache, domain }, async (runtime) => {
    const outcome = cached ? { product: cached, partial: false } : await fetchOne(runtime, id);
    const product = outcome.product;
    const found = product !== undefined && product.dataQuality !== "unavailable";
    return {
      body: {
        identifier: { input: id.input, kind: id.kind, asin: product?.asin ?? (id.kind === "code" ? null : id.asin) },
        found,
        source: cached ? "cache" : "keepa",
        product: product ?? null,
        score: product ? scoredView(product, { strategy: query.strategy, sourcePriceCents: toCents(query.source_price) }) : null,
        plan,
        partial: outcome.partial,
      },
      tokens: { cacheHits: { discovery: 0, products: cached ? 1 : 0 }, partial: outcome.partial },
    };
  });
}
