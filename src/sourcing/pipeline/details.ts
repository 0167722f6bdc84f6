import { normalizeProduct } from "../../keepa/index.ts";
import type { NormalizedProduct } from "../../keepa/index.ts";
import type { ProductsResult } from "../../keepa/index.ts";
import { recordCut } from "../discovery/cut.ts";
import type { Cuts, SourcingRuntime } from "./types.ts";

/**
 * Stats window for /product: free, and what the scorer reads (current prices and rank, 30/90-day averages, rank
 * drops). History (csv) is not requested: the scorer does not need it, and it is most of the payload.
 */
export const DETAIL_STATS_DAYS = 90;

/**
 * Buys the details of `asins` (1 token each, chunks ≤ 100, each chunk admitted by the budget), normalizes and caches
 * them. A cut keeps what earlier chunks paid for (the Keepa error carries it).
 */
export async function fetchDetails(
  runtime: SourcingRuntime,
  asins: readonly string[],
  cuts: Cuts,
): Promise<Map<string, NormalizedProduct>> {
  const out = new Map<string, NormalizedProduct>();
  if (asins.length === 0) return out;
  let result: ProductsResult | undefined;
  try {
    result = await runtime.keepa.products({ domain: runtime.domain, asins, stats: DETAIL_STATS_DAYS, history: false });
  } catch (error) {
    if (!recordCut(cuts, error, { step: "details", detail: error instanceof Error ? error.message : String(error) })) {
      throw error;
    }
    result = (error as { partial?: ProductsResult }).partial;
  }
  const now = (runtime.now ?? Date.now)();
  for (const product of result?.products ?? []) out.set(product.asin, normalizeProduct(product, { now }));
  await runtime.cache.putProducts(runtime.domain, [...out.values()]);
  return out;
}
