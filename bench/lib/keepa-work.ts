// "The same Keepa work" every design in B1–B3 does: the manual search's Product Finder page, then /product for the
// top ASINs — built with the real client and the real selection, so only the admission in front of it differs.
import { createKeepaClient, LOCAL_KEEPA_KEY } from "../../src/keepa/index.ts";
import type { KeepaClient, KeepaMeter } from "../../src/keepa/index.ts";
import { DETAIL_STATS_DAYS, discoverWithScoringBody, searchSlots } from "../../src/sourcing/index.ts";

/**
 * The manual search every B1 invocation runs (medical textbooks). The same 31-token work as every baseline: a BSR
 * range narrower than ×3 is one Product Finder page (no bands), and no live-offer verification
 * (docs/economics.md#two-stage-funnel), so only the admission in front of the work differs between designs.
 */
export const SEARCH_BODY = {
  category: "medical",
  bsrMin: 20_000,
  bsrMax: 55_000,
  verify: 0,
  priceMin: 30,
  priceMax: 200,
  maxResults: 20,
  forceRefresh: true,
};

/** What one search costs on Keepa: an 11-token page (perPage 100) plus 1 token per product. */
export const searchCost = (products: number): number => 11 + products;

export function benchKeepa(baseUrl: string, options: { meter?: KeepaMeter; now?: () => number } = {}): KeepaClient {
  return createKeepaClient({ apiKey: LOCAL_KEEPA_KEY, baseUrl, ...options });
}

/** Wraps each Keepa call (baseline (c) retries the one call that got a 429, as the Python client does). */
export type Around = <T>(send: () => Promise<T>) => Promise<T>;
const direct: Around = (send) => send();

/** One search: the page, then the first `products` ASINs. Returns the products fetched. */
export async function searchWork(
  keepa: KeepaClient,
  products: number,
  around: Around = direct,
  body: Record<string, unknown> = SEARCH_BODY,
): Promise<number> {
  const parsed = discoverWithScoringBody.parse(body);
  const [slot] = searchSlots(parsed, parsed.maxResults, false);
  if (!slot) return 0;
  const { selection } = slot;
  const page = await around(() => keepa.query({ domain: 1, selection }));
  const asins = page.asinList.slice(0, products);
  if (asins.length === 0) return 0;
  const details = await around(() => keepa.products({ domain: 1, asins, stats: DETAIL_STATS_DAYS, history: false }));
  return details.products.length;
}
