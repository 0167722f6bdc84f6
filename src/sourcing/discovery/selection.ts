import type { ProductFinderSelection } from "../../keepa/index.ts";
import { BOOKS_ROOT_CATEGORY_ID } from "../catalogue/categories.ts";

export type Range = { min?: number | undefined; max?: number | undefined };

/**
 * What to look for; every bound optional. Prices in cents, on the NEW price as the original did
 * (docs/keepa.md#product-finder).
 */
export type DiscoveryCriteria = {
  /** Books subject ids for `categories_include`; empty or only the Books root = all of Books. */
  categoryIds: readonly number[];
  bsr?: Range;
  priceCents?: Range;
  /**
   * Leave out listings Amazon itself sells (rejected anyway), so no token buys a product that can only be SKIP.
   * Only `current_AMAZON_lte: -1` is used: with FBA-count filters Keepa returns nothing, so those stay post-filters.
   * @default true
   */
  excludeAmazon?: boolean;
  /** Results on the page; Keepa takes ≥ 50 and charges 1 per started 100. @default 100 */
  perPage?: number;
};

/** Results per page when the caller has no reason to ask less: 100 costs the same 11 tokens as 50. */
export const DEFAULT_PER_PAGE = 100;

/**
 * The page size for `wanted` results, rounded up to a whole hundred: Keepa charges per started hundred, so 100 results
 * cost what 20 do, and the spare ASINs, cached, serve the next, bigger ask for free.
 */
export function perPageFor(wanted: number): number {
  return Math.ceil(Math.max(1, wanted) / 100) * 100;
}

function bounds(selection: ProductFinderSelection, field: string, range: Range | undefined): void {
  if (range?.min !== undefined) selection[`${field}_gte`] = range.min;
  if (range?.max !== undefined) selection[`${field}_lte`] = range.max;
}

/**
 * The Product Finder selection for a discovery, sorted by sales rank so "no ranges" gives the category's best
 * sellers for 11 tokens instead of /bestsellers' 50 (the same ranking). Subcategories go in `categories_include`
 * because `rootCategory` only accepts roots (docs/keepa.md#product-finder).
 */
export function finderSelection(criteria: DiscoveryCriteria): ProductFinderSelection {
  const subjects = criteria.categoryIds.filter((id) => id !== BOOKS_ROOT_CATEGORY_ID);
  const selection: ProductFinderSelection = {
    rootCategory: BOOKS_ROOT_CATEGORY_ID,
    sort: [["current_SALES", "asc"]],
    page: 0,
    perPage: Math.max(50, criteria.perPage ?? DEFAULT_PER_PAGE),
  };
  if (subjects.length > 0) selection.categories_include = [...subjects];
  bounds(selection, "current_SALES", criteria.bsr);
  bounds(selection, "current_NEW", criteria.priceCents);
  if (criteria.excludeAmazon ?? true) selection.current_AMAZON_lte = -1;
  return selection;
}

/** A BSR range this wide (max/min) is searched in bands: one rank-sorted page covers only its fast edge. */
export const BAND_RATIO = 3;
export const MAX_BANDS = 3;

/**
 * The BSR bands a range is searched in (docs/economics.md#spread-across-the-bsr-range): log-spaced and contiguous, up
 * to {@link MAX_BANDS}, so the fast, middle and slow parts of a wide range each get their own page. A narrow or
 * open range is one band.
 */
export function bsrBands(range: Range, maxBands = MAX_BANDS): Range[] {
  const { min, max } = range;
  if (min === undefined || max === undefined || min <= 0 || max / min < BAND_RATIO || maxBands <= 1) return [range];
  const ratio = max / min;
  const edges = Array.from({ length: maxBands + 1 }, (_, i) => Math.round(min * ratio ** (i / maxBands)));
  return edges.slice(0, -1).map((lo, i) => ({ min: lo, max: i === maxBands - 1 ? max : (edges[i + 1] as number) - 1 }));
}
