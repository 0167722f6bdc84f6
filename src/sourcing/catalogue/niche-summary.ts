import type { MarketCurrency } from "../../keepa/index.ts";
import type { NicheTemplate } from "./niches.ts";
import type { SlotResult } from "../pipeline/types.ts";
import { byRanking, scoredView } from "../scoring/view.ts";
import type { ScoredProductView, ScoreViewOptions } from "../scoring/view.ts";

/**
 * A niche shows a product when ROI ≥ 10 % and velocity ≥ 20 (the original's relaxed "Surprise me" filter) and
 * Amazon is not on the listing (docs/scoring.md#surprise-me). The template's own minimums are returned for the UI, not
 * used to hide data the user paid for.
 */
export const NICHE_PRODUCT_FILTER = { minRoiPercent: 10, minVelocity: 20 } as const;
/** Products listed per niche card. */
export const NICHE_TOP_PRODUCTS = 3;
/** Products scored per niche: at most `max`, and a niche is not worth its query below `min`. */
export const NICHE_PRODUCTS_PER_SLOT = { max: 10, min: 3 } as const;

export type NicheSummary = {
  id: string;
  name: string;
  description: string;
  icon: string;
  strategy: NicheTemplate["strategy"];
  /** The marketplace's, which the niche's cents are in. */
  currency: MarketCurrency;
  categories: number[];
  bsrRange: NicheTemplate["bsrRange"];
  /** The template's price range, in cents of `currency`. */
  priceRange: { minCents: number; maxCents: number };
  thresholds: { minRoiPercent: number; minVelocity: number; minProfitCents: number; maxFbaSellers: number };
  discovery: SlotResult["discovery"];
  totalResults: number | null;
  productsScored: number;
  productsVerified: number;
  productsFound: number;
  avgRoi: number | null;
  avgVelocity: number | null;
  topProducts: ScoredProductView[];
};

const mean1 = (values: number[]): number | null =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

const shown = (v: ScoredProductView): boolean =>
  v.amazonOnListing !== true &&
  v.roiPercent !== null &&
  v.roiPercent >= NICHE_PRODUCT_FILTER.minRoiPercent &&
  v.velocity >= NICHE_PRODUCT_FILTER.minVelocity;

/** Scores a niche's products with its strategy and builds its card (docs/scoring.md#surprise-me). */
export function summarizeNiche(
  template: NicheTemplate,
  slot: SlotResult,
  choice: ScoreViewOptions = { strategy: template.strategy },
  currency: MarketCurrency = "USD",
): NicheSummary {
  const scored = slot.products.map((p) => scoredView(p, choice));
  const kept = scored.filter(shown).sort(byRanking);
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    icon: template.icon,
    strategy: template.strategy,
    currency,
    categories: template.categoryIds,
    bsrRange: template.bsrRange,
    priceRange: { minCents: template.priceRangeCents.min, maxCents: template.priceRangeCents.max },
    thresholds: {
      minRoiPercent: template.minRoiPercent,
      minVelocity: template.minVelocity,
      minProfitCents: template.minProfitCents,
      maxFbaSellers: template.maxFbaSellers,
    },
    discovery: slot.discovery,
    totalResults: slot.totalResults,
    productsScored: scored.length,
    productsVerified: scored.filter((v) => v.verified).length,
    productsFound: kept.length,
    avgRoi: mean1(kept.map((v) => v.roiPercent ?? 0)),
    avgVelocity: mean1(kept.map((v) => v.velocity)),
    topProducts: kept.slice(0, NICHE_TOP_PRODUCTS),
  };
}
