import type { KeepaProduct } from "../schemas/product.ts";
import type { DataQuality, NormalizedProduct } from "./types.ts";

type Draft = Omit<NormalizedProduct, "dataQuality" | "warnings">;

/** Product types with nothing to score (`productType` "must always be evaluated first"). */
const NO_DATA_TYPES: Readonly<Record<number, string>> = {
  3: "productType 3 (UNACCESSIBLE): Keepa cannot access this product",
  4: "productType 4 (INVALID): Keepa has no data for this ASIN",
};

function hasHistory(product: KeepaProduct): boolean {
  return (product.csv ?? []).some((series) => series !== null) || (product.offers?.length ?? 0) > 0;
}

/** Gaps that make a score unreliable. */
function coreGaps(product: KeepaProduct, draft: Draft): string[] {
  const gaps: string[] = [];
  if (product.productType === 5)
    gaps.push("productType 5 (VARIATION_PARENT): prices and ranks live on the child ASINs");
  if (!product.stats) gaps.push("stats missing: current values and averages come from csv or offers only");
  if (draft.bsr === null) gaps.push("bsr unknown: no rank in salesRanks, stats.current, recent csv or stats.avg30");
  const { amazon, new: fresh, used, buyBox } = draft.prices;
  if (amazon === null && fresh === null && used === null && buyBox === null)
    gaps.push("prices unknown: no current amazon/new/used/buy box price");
  if (draft.categoryTree.length === 0) gaps.push("categoryTree missing");
  return gaps;
}

/** Gaps worth knowing that do not stop scoring. */
function minorGaps(draft: Draft): string[] {
  const gaps: string[] = [];
  if (draft.bsr?.source === "stats.avg30") gaps.push("bsr from stats.avg30: no current rank");
  if (draft.bsr?.source === "csv.recent")
    gaps.push("bsr from the last csv point (< 24 h old), not from salesRanks or stats");
  const missingPrices = Object.entries(draft.prices)
    .filter(([, cents]) => cents === null)
    .map(([name]) => name);
  if (missingPrices.length > 0) gaps.push(`prices unknown: ${missingPrices.join(", ")}`);
  if (draft.rating === null || draft.reviewCount === null) gaps.push("rating/reviewCount unknown (request rating=1)");
  if (draft.offerCounts.fba === null) gaps.push("offerCounts.fba unknown (needs offers or stats.offerCountFBA)");
  if (draft.fees.pickAndPackFee === null) gaps.push("fees.pickAndPackFee unknown (fbaFees not collected)");
  if (draft.fees.referralFeePercentage === null) gaps.push("fees.referralFeePercentage unknown");
  if (draft.packageWeight === null) gaps.push("packageWeight unknown");
  if (draft.salesRankDrops30 === null) gaps.push("salesRankDrops30 unknown");
  if (draft.lastUpdate === null) gaps.push("lastUpdate unknown");
  return gaps;
}

/** "unavailable": nothing to score; "degraded": a core gap; "full": otherwise. Every gap is listed, none is silent. */
export function assessQuality(product: KeepaProduct, draft: Draft): { dataQuality: DataQuality; warnings: string[] } {
  const fatal = NO_DATA_TYPES[product.productType ?? -1];
  if (fatal) return { dataQuality: "unavailable", warnings: [fatal] };
  if (!product.stats && !hasHistory(product)) {
    return { dataQuality: "unavailable", warnings: ["no stats, csv or offers in the response"] };
  }
  const core = coreGaps(product, draft);
  return { dataQuality: core.length > 0 ? "degraded" : "full", warnings: [...core, ...minorGaps(draft)] };
}
