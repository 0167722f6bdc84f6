import { CSV, UNKNOWN, ratingToStars, valueOrNull } from "../csv.ts";
import type { KeepaProduct } from "../schemas/product.ts";
import type { OfferSummary } from "./offers.ts";
import type { NormalizedAverages, NormalizedPrices, NormalizedProduct } from "./types.ts";
import { currentValue, positiveOrNull, statAt } from "./values.ts";

/** Stats/csv first; live offers fill what is still unknown (offers requests often come without stats). */
export function extractPrices(product: KeepaProduct, offers: OfferSummary | null): NormalizedPrices {
  const pick = (
    index: typeof CSV.AMAZON | typeof CSV.NEW | typeof CSV.USED | typeof CSV.NEW_FBA,
    fromOffers: number | null,
  ) => {
    const current = currentValue(product, index);
    return current.known ? current.value : fromOffers;
  };
  return {
    amazon: pick(CSV.AMAZON, offers?.amazon ?? null),
    new: pick(CSV.NEW, offers?.new ?? null),
    used: pick(CSV.USED, offers?.used ?? null),
    buyBox: buyBoxPrice(product),
    newFba: pick(CSV.NEW_FBA, offers?.newFba ?? null),
    listPrice: currentValue(product, CSV.LISTPRICE).value,
  };
}

/** `stats.current[BUY_BOX_SHIPPING]`, else `stats.buyBoxPrice + buyBoxShipping` (−2 = not requested), else csv. */
function buyBoxPrice(product: KeepaProduct): number | null {
  const stats = product.stats;
  const current = stats?.current?.[CSV.BUY_BOX_SHIPPING];
  if (current !== undefined && current >= 0) return current;
  const price = stats?.buyBoxPrice;
  if (price !== null && price !== undefined && price >= 0) return price + Math.max(stats?.buyBoxShipping ?? 0, 0);
  return currentValue(product, CSV.BUY_BOX_SHIPPING).value;
}

export function extractOfferCounts(
  product: KeepaProduct,
  offers: OfferSummary | null,
): NormalizedProduct["offerCounts"] {
  const fromStats = (value: number | null | undefined) =>
    value === null || value === undefined || value === UNKNOWN ? null : valueOrNull(value);
  const count = (index: typeof CSV.COUNT_NEW | typeof CSV.COUNT_USED, fromOffers: number | undefined) => {
    const current = currentValue(product, index);
    // A live offers list counts what a −1 ("no data") slot does not.
    return current.known && current.value !== null ? current.value : (fromOffers ?? current.value);
  };
  return {
    new: count(CSV.COUNT_NEW, offers?.newCount),
    used: count(CSV.COUNT_USED, offers?.usedCount),
    fba: fromStats(product.stats?.offerCountFBA) ?? offers?.fbaCount ?? null,
    fbm: fromStats(product.stats?.offerCountFBM) ?? offers?.fbmCount ?? null,
    newFbaInclAmazon: currentValue(product, CSV.COUNT_NEW_FBA).value,
  };
}

export function extractAverages(values: readonly number[] | null | undefined): NormalizedAverages {
  return { new: statAt(values, CSV.NEW), used: statAt(values, CSV.USED), sales: statAt(values, CSV.SALES) };
}

export function extractFees(product: KeepaProduct): NormalizedProduct["fees"] {
  const referral = product.referralFeePercentage ?? product.referralFeePercent;
  return {
    referralFeePercentage: valueOrNull(referral),
    pickAndPackFee: valueOrNull(product.fbaFees?.pickAndPackFee),
    variableClosingFee: valueOrNull(product.variableClosingFee),
  };
}

export function extractRating(product: KeepaProduct): { rating: number | null; reviewCount: number | null } {
  return {
    rating: ratingToStars(currentValue(product, CSV.RATING).value),
    reviewCount: currentValue(product, CSV.COUNT_REVIEWS).value,
  };
}

export function extractCategories(
  product: KeepaProduct,
): Pick<NormalizedProduct, "categoryTree" | "rootCategory" | "categoryName"> {
  const categoryTree = (product.categoryTree ?? []).map((node) => ({ catId: node.catId, name: node.name ?? "" }));
  return {
    categoryTree,
    rootCategory: positiveOrNull(product.rootCategory),
    categoryName: categoryTree.at(-1)?.name || null,
  };
}

export function isAmazonOnListing(product: KeepaProduct, offers: OfferSummary | null): boolean {
  const availability = product.availabilityAmazon;
  if (availability !== null && availability !== undefined && availability >= 0) return true;
  const amazon = currentValue(product, CSV.AMAZON).value;
  if (amazon !== null && amazon > 0) return true;
  return offers?.hasAmazon === true;
}
