import { keepaTimestampMs } from "./time.ts";
import { valueOrNull } from "./csv.ts";
import type { KeepaProduct } from "./schemas/product.ts";
import { extractBsr } from "./normalize/bsr.ts";
import { extractMarket, hasLiveOffers } from "./normalize/market.ts";
import { summarizeOffers } from "./normalize/offers.ts";
import {
  extractAverages,
  extractCategories,
  extractFees,
  extractOfferCounts,
  extractPrices,
  extractRating,
  isAmazonOnListing,
} from "./normalize/parts.ts";
import { assessQuality } from "./normalize/quality.ts";
import type { NormalizedProduct } from "./normalize/types.ts";
import { positiveOrNull } from "./normalize/values.ts";

export type NormalizeOptions = {
  /** Clock for the "csv rank < 24 h old" rule and the verification time. @default Date.now() */
  now?: number;
};

/** A Keepa product (as parsed by the client) → the typed, unit-fixed view the scorer uses. Never throws on gaps. */
export function normalizeProduct(product: KeepaProduct, options: NormalizeOptions = {}): NormalizedProduct {
  const now = options.now ?? Date.now();
  const offers = summarizeOffers(product);
  const stats = product.stats ?? null;
  const draft = {
    asin: product.asin,
    domainId: product.domainId ?? null,
    title: product.title ?? null,
    productType: product.productType ?? null,
    ...extractCategories(product),
    bsr: extractBsr(product, now),
    prices: extractPrices(product, offers),
    offerCounts: extractOfferCounts(product, offers),
    amazonOnListing: isAmazonOnListing(product, offers),
    fees: extractFees(product),
    packageWeight: positiveOrNull(product.packageWeight),
    ...extractRating(product),
    salesRankDrops30: valueOrNull(stats?.salesRankDrops30),
    salesRankDrops90: valueOrNull(stats?.salesRankDrops90),
    averages: { avg30: extractAverages(stats?.avg30), avg90: extractAverages(stats?.avg90) },
    market: extractMarket(product),
    verification: hasLiveOffers(product)
      ? {
          at: now,
          offersRetrieved: product.offers?.length ?? 0,
          amazonOffer: offers?.hasAmazon === true,
          buyBoxIsAmazon: stats?.buyBoxIsAmazon ?? null,
        }
      : null,
    offersAsOf: keepaTimestampMs(stats?.lastOffersUpdate),
    codes: [...(product.eanList ?? []), ...(product.upcList ?? [])],
    monthlySold: valueOrNull(product.monthlySold),
    lastUpdate: keepaTimestampMs(product.lastUpdate),
  };
  return { ...draft, ...assessQuality(product, draft) };
}
