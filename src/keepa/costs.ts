/**
 * Upper-bound token cost estimates (docs/keepa.md#endpoints-and-costs). Keepa has changed its prices before, so the
 * table is data: pass a modified copy to `estimateCost` rather than editing the logic.
 */
import type { KeepaEndpoint } from "./types.ts";

export type KeepaCostTable = {
  token: number;
  product: {
    /** Per returned product without offers. */
    base: number;
    /** Per offer page (≤ `offersPageSize` offers); replaces `base`. */
    offersPerPage: number;
    offersPageSize: number;
    /** Offers requested but the product has none. */
    offersNone: number;
    /** `buybox=1`, ignored when offers are requested. */
    buybox: number;
    /** `rating=1`, at most. */
    rating: number;
    /** `stock=1` with offers, at most. */
    stock: number;
    /** `update=0` on a fresh product. */
    update0: number;
    /** `historical-variations=1`, per product with a parent. */
    historicalVariations: number;
  };
  query: { base: number; perHundredResults: number };
  bestsellers: number;
  category: number;
  /** Category search (`/search?type=category`). */
  search: number;
  deal: number;
};

export const DEFAULT_COST_TABLE: KeepaCostTable = {
  token: 0,
  product: {
    base: 1,
    offersPerPage: 6,
    offersPageSize: 10,
    offersNone: 5,
    buybox: 2,
    rating: 1,
    stock: 2,
    update0: 1,
    historicalVariations: 1,
  },
  query: { base: 10, perHundredResults: 1 },
  bestsellers: 50,
  category: 1,
  search: 1,
  deal: 5,
};

export type ProductCostParams = {
  /** Products that can come back: ASIN count, or codes × code-limit. */
  products: number;
  offers?: number;
  buybox?: boolean;
  rating?: boolean;
  stock?: boolean;
  update?: number;
  historicalVariations?: boolean;
};

export type QueryCostParams = { perPage?: number };

/** Upper bound for one product. With offers, the page count assumes every requested offer exists. */
export function productUnitCost(params: Omit<ProductCostParams, "products">, table = DEFAULT_COST_TABLE): number {
  const t = table.product;
  const offers = params.offers ?? 0;
  let cost = offers > 0 ? Math.max(t.offersNone, t.offersPerPage * Math.ceil(offers / t.offersPageSize)) : t.base;
  if (params.buybox && offers === 0) cost += t.buybox;
  if (params.stock && offers > 0) cost += t.stock;
  if (params.rating) cost += t.rating;
  if (params.update === 0) cost += t.update0;
  if (params.historicalVariations) cost += t.historicalVariations;
  return cost;
}

/** Results per Product Finder page that Keepa accepts at minimum (it rejects less). */
export const QUERY_MIN_PER_PAGE = 50;

/**
 * Upper-bound token cost of one request to `endpoint`.
 * @example estimateCost("product", { products: 100, offers: 20 }) // 1200
 * @example estimateCost("query", { perPage: 50 }) // 11
 */
export function estimateCost(endpoint: "product", params: ProductCostParams, table?: KeepaCostTable): number;
export function estimateCost(endpoint: "query", params?: QueryCostParams, table?: KeepaCostTable): number;
export function estimateCost(
  endpoint: Exclude<KeepaEndpoint, "product" | "query">,
  params?: undefined,
  table?: KeepaCostTable,
): number;
export function estimateCost(
  endpoint: KeepaEndpoint,
  params?: ProductCostParams | QueryCostParams,
  table?: KeepaCostTable,
): number;
export function estimateCost(
  endpoint: KeepaEndpoint,
  params?: ProductCostParams | QueryCostParams,
  table: KeepaCostTable = DEFAULT_COST_TABLE,
): number {
  if (endpoint === "product") {
    const p = params as ProductCostParams | undefined;
    if (!p) throw new TypeError('estimateCost("product") needs { products }');
    return Math.max(0, p.products) * productUnitCost(p, table);
  }
  if (endpoint === "query") {
    const perPage = Math.max(
      QUERY_MIN_PER_PAGE,
      (params as QueryCostParams | undefined)?.perPage ?? QUERY_MIN_PER_PAGE,
    );
    return table.query.base + table.query.perHundredResults * Math.ceil(perPage / 100);
  }
  return table[endpoint];
}
