import type { MarketCurrency, NormalizedAverages, NormalizedProduct } from "../../keepa/index.ts";
import { currencyOfProduct } from "../scoring/view.ts";

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const averagesView = (a: NormalizedAverages) => ({ newCents: a.new, usedCents: a.used, salesRank: a.sales });

/**
 * A normalized Keepa product as the API shows it (GET /keepa/test): the money fields named for their cents and the
 * marketplace's `currency` beside them, instants in ISO 8601 UTC, units in the names (the normalizer's own shape
 * keeps Keepa's epoch ms and bare numbers, which the cache stores).
 */
export function productView(product: NormalizedProduct) {
  const { prices, fees, verification } = product;
  return {
    asin: product.asin,
    domainId: product.domainId,
    currency: currencyOfProduct(product) satisfies MarketCurrency,
    title: product.title,
    productType: product.productType,
    categoryTree: product.categoryTree,
    rootCategory: product.rootCategory,
    categoryName: product.categoryName,
    bsr: product.bsr,
    prices: {
      amazonCents: prices.amazon,
      newCents: prices.new,
      usedCents: prices.used,
      buyBoxCents: prices.buyBox,
      newFbaCents: prices.newFba,
      listPriceCents: prices.listPrice,
    },
    offerCounts: product.offerCounts,
    amazonOnListing: product.amazonOnListing,
    fees: {
      referralFeePercent: fees.referralFeePercentage,
      pickAndPackFeeCents: fees.pickAndPackFee,
      variableClosingFeeCents: fees.variableClosingFee,
    },
    packageWeightGrams: product.packageWeight,
    rating: product.rating,
    reviewCount: product.reviewCount,
    salesRankDrops30: product.salesRankDrops30,
    salesRankDrops90: product.salesRankDrops90,
    averages: { avg30: averagesView(product.averages.avg30), avg90: averagesView(product.averages.avg90) },
    market: product.market,
    verification: verification
      ? {
          verifiedAt: iso(verification.at),
          offersRetrieved: verification.offersRetrieved,
          amazonOffer: verification.amazonOffer,
          buyBoxIsAmazon: verification.buyBoxIsAmazon,
        }
      : null,
    offersCollectedAt: iso(product.offersAsOf),
    codes: product.codes,
    monthlySold: product.monthlySold,
    lastUpdatedAt: iso(product.lastUpdate),
    dataQuality: product.dataQuality,
    warnings: product.warnings,
  };
}

export type ProductView = ReturnType<typeof productView>;
