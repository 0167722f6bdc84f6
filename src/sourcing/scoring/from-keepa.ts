import type { NormalizedProduct } from "../../keepa/index.ts";
import type { ScoringInput } from "./types.ts";

/**
 * NormalizedProduct → ScoringInput. The scorer is decoupled from the Keepa client on purpose (types.ts), so this is
 * the one place where a Keepa field meets a scoring field. The root category drives the fee schedule (Books → books).
 */
export function toScoringInput(product: NormalizedProduct): ScoringInput {
  const { prices, offerCounts, fees, averages } = product;
  return {
    asin: product.asin,
    title: product.title,
    categoryId: product.rootCategory,
    categoryName: product.categoryName,
    bsr: product.bsr?.rank ?? null,
    prices: { amazon: prices.amazon, new: prices.new, used: prices.used },
    market: product.market,
    verification: product.verification,
    offersAsOf: product.offersAsOf,
    codes: product.codes,
    offers: { new: offerCounts.new, used: offerCounts.used, fba: offerCounts.fba },
    // With no data at all "false" would be a guess that Amazon is absent: say unknown instead.
    amazonOnListing: product.dataQuality === "unavailable" ? null : product.amazonOnListing,
    referralFeePercent: fees.referralFeePercentage,
    fbaPickAndPackFee: fees.pickAndPackFee,
    packageWeightGrams: product.packageWeight,
    averages: { bsr30: averages.avg30.sales, bsr90: averages.avg90.sales },
    salesRankDrops30: product.salesRankDrops30,
    salesRankDrops90: product.salesRankDrops90,
    rating: product.rating,
    reviewCount: product.reviewCount,
    dataQuality: product.dataQuality,
  };
}
