import { DEFAULT_BASE_URL, createHttp } from "./http.ts";
import { bestsellers } from "./requests/bestsellers.ts";
import type { BestsellersParams, BestsellersResult } from "./requests/bestsellers.ts";
import { categories, searchCategories } from "./requests/categories.ts";
import type { CategoriesParams, CategoriesResult, SearchCategoriesParams } from "./requests/categories.ts";
import type { Send } from "./requests/common.ts";
import { deals } from "./requests/deals.ts";
import type { DealsParams, DealsResult } from "./requests/deals.ts";
import { products } from "./requests/products.ts";
import type { ProductsParams, ProductsResult } from "./requests/products.ts";
import { query } from "./requests/query.ts";
import type { QueryParams, QueryResult } from "./requests/query.ts";
import { tokenStatus } from "./requests/token.ts";
import type { TokenStatusResult } from "./requests/token.ts";
import { defaultSleep, sendWithRetry } from "./retry.ts";
import type { RetryContext } from "./retry.ts";
import type { KeepaClientOptions, KeepaTimeoutClass } from "./types.ts";

export type KeepaClient = {
  /** `GET /token`, free: the current envelope. */
  tokenStatus(): Promise<TokenStatusResult>;
  /** `GET /product`, chunked ≤100 per metered request; results mapped by ASIN. */
  products(params: ProductsParams): Promise<ProductsResult>;
  /** `GET /query` (Product Finder), perPage ≥ 50. */
  query(params: QueryParams): Promise<QueryResult>;
  /** `GET /bestsellers`, 50 tokens. */
  bestsellers(params: BestsellersParams): Promise<BestsellersResult>;
  /** `GET /category`, 1 token. */
  categories(params: CategoriesParams): Promise<CategoriesResult>;
  /** `GET /search?type=category`, 1 token. */
  searchCategories(params: SearchCategoriesParams): Promise<CategoriesResult>;
  /** `GET /deal`, 5 tokens. */
  deals(params: DealsParams): Promise<DealsResult>;
};

/** Offers take 2–20 s per batch (docs/keepa.md#timeouts); `/token` is trivial, so a slow one means trouble. */
export const DEFAULT_TIMEOUTS: Readonly<Record<KeepaTimeoutClass, number>> = {
  default: 20_000,
  offers: 60_000,
  token: 5_000,
};
export const DEFAULT_RETRY_LIMIT = 2;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;

function retryContext(options: KeepaClientOptions): RetryContext {
  if (!options.apiKey) throw new TypeError("Keepa apiKey is required");
  const baseUrl = new URL(options.baseUrl ?? DEFAULT_BASE_URL).toString().replace(/\/+$/, "");
  return {
    http: createHttp({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    apiKey: options.apiKey,
    ...(options.meter ? { meter: options.meter } : {}),
    now: options.now ?? (() => Date.now()),
    deadline: options.deadline ?? (() => undefined),
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    retryLimit: Math.max(0, options.retry?.limit ?? DEFAULT_RETRY_LIMIT),
    baseDelayMs: Math.max(0, options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS),
    sleep: options.sleep ?? defaultSleep,
    random: Math.random,
  };
}

/**
 * The only road to Keepa. Every attempt is admitted by `options.meter` before it is sent and settled after it
 * ends; only provably free failures are retried; the key never leaves the query string.
 */
export function createKeepaClient(options: KeepaClientOptions): KeepaClient {
  const ctx = retryContext(options);
  const send: Send = (call) => sendWithRetry(ctx, call);
  return {
    tokenStatus: () => tokenStatus(send),
    products: (params) => products(send, params),
    query: (params) => query(send, params),
    bestsellers: (params) => bestsellers(send, params),
    categories: (params) => categories(send, params),
    searchCategories: (params) => searchCategories(send, params),
    deals: (params) => deals(send, params),
  };
}
