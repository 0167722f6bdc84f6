export { createKeepaClient, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_LIMIT, DEFAULT_TIMEOUTS } from "./client.ts";
export type { KeepaClient } from "./client.ts";
export type {
  KeepaClientOptions,
  KeepaEndpoint,
  KeepaExchange,
  KeepaMeter,
  KeepaRetryOptions,
  KeepaTimeoutClass,
  TokenEnvelope,
} from "./types.ts";
export * from "./errors/index.ts";
export { DEFAULT_COST_TABLE, QUERY_MIN_PER_PAGE, estimateCost, productUnitCost } from "./costs.ts";
export type { KeepaCostTable, ProductCostParams, QueryCostParams } from "./costs.ts";
export { provablyFree, readEnvelope } from "./envelope.ts";
export { REDACTED, describeError, redact, redactUrl } from "./redact.ts";
export {
  KEEPA_EPOCH_OFFSET_MINUTES,
  keepaMinutesToDate,
  keepaMinutesToMs,
  keepaTimestampMs,
  toKeepaMinutes,
} from "./time.ts";
export {
  CSV,
  CSV_TYPE_COUNT,
  NO_DATA,
  UNKNOWN,
  centsToDollars,
  csvSeries,
  decodeSeries,
  isShippingType,
  landedPrice,
  lastCsvPoint,
  ratingToStars,
  valueOrNull,
} from "./csv.ts";
export type { CsvIndex, CsvName, CsvPoint } from "./csv.ts";
export { normalizeProduct } from "./normalize.ts";
export type { NormalizeOptions } from "./normalize.ts";
export { CONDITIONS, OFFER_CONDITION_CODE, conditionRank } from "./normalize/conditions.ts";
export type { Condition } from "./normalize/conditions.ts";
export type {
  BsrSource,
  ConditionMarket,
  DataQuality,
  LiveConditionPrices,
  Market,
  SnapshotPrices,
  Verification,
  NormalizedAverages,
  NormalizedBsr,
  NormalizedPrices,
  NormalizedProduct,
} from "./normalize/types.ts";
export { productSchema } from "./schemas/product.ts";
export type { KeepaCategoryNode, KeepaOffer, KeepaProduct, KeepaStats } from "./schemas/product.ts";
export type { KeepaBestsellersList, KeepaCategory, KeepaDeal } from "./schemas/responses.ts";
export { KEEPA_DOMAINS } from "./requests/common.ts";
export { currencyOf, DOMAIN_CURRENCY } from "./currency.ts";
export type { MarketCurrency } from "./currency.ts";
export { DEFAULT_CODE_LIMIT, PRODUCT_BATCH_LIMIT, PRODUCT_OFFERS_BATCH_LIMIT } from "./requests/products.ts";
export type { ProductOptions, ProductsParams, ProductsResult } from "./requests/products.ts";
export type { ProductFinderSelection, QueryParams, QueryResult } from "./requests/query.ts";
export type { BestsellersParams, BestsellersResult } from "./requests/bestsellers.ts";
export type { CategoriesParams, CategoriesResult, SearchCategoriesParams } from "./requests/categories.ts";
export type { DealSelection, DealsParams, DealsResult } from "./requests/deals.ts";
export type { TokenStatusResult } from "./requests/token.ts";
export { keepaApiKey, keepaClientFactory, LOCAL_KEEPA_KEY } from "./from-config.ts";
export type { KeepaClientFactory, KeepaClientScope } from "./from-config.ts";
