import { normalizeProduct, productUnitCost } from "../../keepa/index.ts";
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
 * Offers fetched to verify a product: Keepa's minimum of 20 is 2 pages at most, so one verification reserves 12
 * tokens and settles what Keepa charged (6 per page found, 5 for none). Only live offers: stale ones are not
 * competition.
 */
export const VERIFY_OFFERS = 20;
export const VERIFY_UNIT_COST = productUnitCost({ offers: VERIFY_OFFERS });

type ProductQuery = { stats: number; history: false; offers?: number; onlyLiveOffers?: boolean };
const SCREEN: ProductQuery = { stats: DETAIL_STATS_DAYS, history: false };
const VERIFY: ProductQuery = { ...SCREEN, offers: VERIFY_OFFERS, onlyLiveOffers: true };

/**
 * Buys the details of `asins` (1 token each, chunks ≤ 100, each chunk admitted by the budget), normalizes and caches
 * them. A cut keeps what earlier chunks paid for (the Keepa error carries it).
 */
export function fetchDetails(
  runtime: SourcingRuntime,
  asins: readonly string[],
  cuts: Cuts,
): Promise<Map<string, NormalizedProduct>> {
  return fetchProducts(runtime, asins, cuts, "details");
}

/**
 * Buys `asins` again with live offers (up to {@link VERIFY_UNIT_COST} each, chunks of 20), normalizes and caches
 * them: the cached copy is then verified too, with its time.
 */
export function verifyProducts(
  runtime: SourcingRuntime,
  asins: readonly string[],
  cuts: Cuts,
): Promise<Map<string, NormalizedProduct>> {
  return fetchProducts(runtime, asins, cuts, "verify");
}

async function fetchProducts(
  runtime: SourcingRuntime,
  asins: readonly string[],
  cuts: Cuts,
  step: "details" | "verify",
): Promise<Map<string, NormalizedProduct>> {
  const out = new Map<string, NormalizedProduct>();
  if (asins.length === 0) return out;
  let result: ProductsResult | undefined;
  try {
    result = await runtime.keepa.products({ domain: runtime.domain, asins, ...(step === "verify" ? VERIFY : SCREEN) });
  } catch (error) {
    if (!recordCut(cuts, error, { step, detail: error instanceof Error ? error.message : String(error) })) {
      throw error;
    }
    result = (error as { partial?: ProductsResult }).partial;
  }
  const now = (runtime.now ?? Date.now)();
  for (const product of result?.products ?? []) out.set(product.asin, normalizeProduct(product, { now }));
  await runtime.cache.putProducts(runtime.domain, [...out.values()]);
  return out;
}
