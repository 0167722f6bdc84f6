// Builds the /product JSON object for one catalogue entry, plus its exact token cost.
import type { Catalogue } from "./catalogue.ts";
import { categoryById } from "./categories.ts";
import type { CostTable } from "./costs.ts";
import { CSV, CSV_LENGTH, isShippingType, type Csv } from "./csv-types.ts";
import type { CatalogueEntry } from "./entry.ts";
import { generateHistory } from "./history.ts";
import { MINUTES_PER_DAY } from "./keepa-time.ts";
import { generateOffers, totalOffers, type OfferResult } from "./offers.ts";
import { hashParts } from "./random.ts";
import { computeStats, NO_OFFER_STATS, type StatsInterval } from "./stats.ts";

export type ProductOptions = {
  domainId: number;
  nowMinute: number;
  stats: StatsInterval | null;
  history: boolean;
  days: number | null;
  offers: number | null;
  onlyLiveOffers: boolean;
  buybox: boolean;
  rating: boolean;
  update: number | null;
  stock: boolean;
  historicalVariations: boolean;
};

export type BuiltProduct = { product: Record<string, unknown>; cost: number };

export function buildProduct(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  opts: ProductOptions,
  costs: CostTable,
): BuiltProduct {
  const offers =
    opts.offers !== null && entry.productType === 0 && !entry.offersFetchFails
      ? generateOffers(catalogue, entry, opts.offers, { onlyLive: opts.onlyLiveOffers, stock: opts.stock })
      : null;
  const history = generateHistory(catalogue, entry);
  const csv = visibleCsv(history.csv, opts);
  const monthlySoldHistory = monthlySoldHistoryFor(entry);
  const product: Record<string, unknown> = {};
  if (opts.history) product.csv = trimCsv(csv, opts);
  Object.assign(product, identityFields(entry, opts.domainId), physicalFields(entry));
  Object.assign(product, {
    offers: offers ? offers.offers : null,
    liveOffersOrder: offers ? offers.liveOffersOrder : null,
    ...demandFields(entry),
    salesRankReference: entry.salesRank > 0 ? entry.rootCategory : -1,
  });
  if (opts.history) Object.assign(product, historyFields(entry, history.salesRanks, monthlySoldHistory, opts));
  product.stats = opts.stats ? statsFor(entry, csv, offers, monthlySoldHistory, opts) : null;
  product.offersSuccessful = offers !== null;
  product.categoryTree = entry.categoryPath.map((catId) => ({ catId, name: categoryById(catId)?.name ?? "" }));
  Object.assign(product, feeFields(entry));
  return { product, cost: productCost(entry, opts, costs, offers === null ? null : offers.stats.retrievedOfferCount) };
}

/** update=0 costs extra only when Keepa refreshed the product less than an hour ago. */
export function isFreshUpdate(entry: CatalogueEntry, nowMinute: number): boolean {
  return nowMinute - entry.lastUpdate < 60;
}

/** rating=1 is charged only when the rating data is younger than 14 days. */
export function isRatingFresh(entry: CatalogueEntry, nowMinute: number): boolean {
  return entry.rating > 0 && nowMinute - entry.lastRatingUpdate < 14 * MINUTES_PER_DAY;
}

function productCost(entry: CatalogueEntry, opts: ProductOptions, costs: CostTable, found: number | null): number {
  const c = costs.product;
  const now = opts.nowMinute;
  let cost: number;
  if (opts.offers !== null && entry.productType === 0) {
    const freshOffers = opts.update !== null && opts.update > 0 && now - entry.lastOffersUpdate < opts.update * 60;
    if (entry.offersFetchFails) cost = c.offersFail;
    else if (freshOffers) cost = c.offersFreshUpdate;
    else if (!found) cost = c.offersNone;
    else cost = c.offersPerPage * Math.ceil(found / c.offersPageSize);
    if (opts.stock && now - entry.lastStockUpdate < 7 * MINUTES_PER_DAY) cost += c.stock;
  } else {
    cost = c.base + (opts.buybox ? c.buybox : 0);
  }
  if (opts.update === 0 && isFreshUpdate(entry, now)) cost += c.update0IfFresh;
  if (opts.rating && isRatingFresh(entry, now)) cost += c.rating;
  if (opts.historicalVariations && entry.parentAsin) cost += c.histVar;
  return cost;
}

/**
 * Rating and buy-box series exist in Keepa's data but are only sent when asked for (docs/keepa.md#what-needs-offers);
 * the used buy box (32) only comes with offers.
 */
function visibleCsv(csv: Csv, opts: ProductOptions): Csv {
  const out = [...csv];
  const hide = (index: number) => {
    if (index < out.length) out[index] = null;
  };
  if (!opts.rating) [CSV.RATING, CSV.COUNT_REVIEWS].forEach(hide);
  if (!opts.buybox && opts.offers === null) hide(CSV.BUY_BOX_SHIPPING);
  if (opts.offers === null) hide(CSV.BUY_BOX_USED_SHIPPING);
  return out;
}

function trimSeries(series: number[], stride: number, cutoff: number): number[] {
  let first = 0;
  for (let i = 0; i < series.length; i += stride) if ((series[i] ?? 0) < cutoff) first = i;
  return series.slice(first);
}

/** `days` limits history; the point in effect at the cut-off is kept so the series still starts with a value. */
function trimCsv(csv: Csv, opts: ProductOptions): Csv {
  if (opts.days === null) return csv;
  const cutoff = opts.nowMinute - opts.days * MINUTES_PER_DAY;
  return csv.map((s, i) => (s ? trimSeries(s, isShippingType(i) ? 3 : 2, cutoff) : null));
}

function identityFields(entry: CatalogueEntry, domainId: number): Record<string, unknown> {
  const image = entry.productType === 3 ? null : `${hashParts(entry.asin, "img").toString(36)}L.jpg`;
  return {
    categories: entry.productType === 3 ? null : [entry.leafCategory],
    imagesCSV: image,
    manufacturer: entry.publisher,
    title: entry.title,
    lastUpdate: entry.lastUpdate,
    lastPriceChange: entry.lastPriceChange,
    rootCategory: entry.rootCategory,
    productType: entry.productType,
    parentAsin: entry.parentAsin,
    variationCSV: entry.variationAsins ? entry.variationAsins.join(",") : null,
    asin: entry.asin,
    domainId,
    type: entry.productType === 2 ? "ABIS_EBOOKS" : entry.productType === 3 ? null : "ABIS_BOOK",
    hasReviews: entry.reviews > 0,
    trackingSince: entry.trackingSince,
    brand: entry.publisher,
    productGroup: entry.productType === 2 ? "eBooks" : entry.productType === 3 ? null : "Book",
    partNumber: entry.eanList?.[0] ?? null,
    images: image ? [{ l: image, lH: 1500, lW: 1000, m: image, mH: 500, mW: 333 }] : null,
  };
}

function physicalFields(entry: CatalogueEntry): Record<string, unknown> {
  const [length, width, height] = entry.packageDims;
  return {
    packageHeight: height,
    packageLength: length,
    packageWidth: width,
    packageWeight: entry.packageWeight,
    packageQuantity: entry.productType === 0 ? 1 : 0,
    isAdultProduct: false,
    isEligibleForTradeIn: false,
    isEligibleForSuperSaverShipping: entry.productType === 0,
    author: entry.author,
    binding: entry.binding,
    numberOfItems: entry.productType === 0 ? 1 : -1,
    numberOfPages: entry.productType === 3 ? -1 : entry.pages,
    publicationDate: entry.productType === 3 ? -1 : entry.publicationDate,
    lastRatingUpdate: entry.rating > 0 ? entry.lastRatingUpdate : 0,
    eanList: entry.eanList,
    upcList: null,
    newPriceIsMAP: entry.newPriceIsMAP,
    availabilityAmazon: entry.availabilityAmazon,
    listedSince: entry.listedSince,
    fbaFees:
      entry.productType === 0 && entry.packageWeight > 0
        ? { lastUpdate: entry.lastUpdate - 2_880, pickAndPackFee: entry.pickAndPackFee }
        : null,
    variations: entry.variationAsins
      ? entry.variationAsins.map((asin) => ({ asin, attributes: [{ dimension: "Format", value: asin }] }))
      : null,
  };
}

function demandFields(entry: CatalogueEntry): Record<string, unknown> {
  const fba = entry.countNewFba;
  return {
    monthlySold: entry.monthlySold,
    buyBoxEligibleOfferCounts: [fba, Math.max(0, entry.countNew - fba), 0, Math.min(entry.countUsed, 1), 0, 0, 0, 0],
    lastSoldUpdate: entry.monthlySold > 0 ? entry.lastUpdate : 0,
  };
}

function historyFields(
  entry: CatalogueEntry,
  salesRanks: Record<string, number[]> | null,
  monthly: number[] | null,
  opts: ProductOptions,
): Record<string, unknown> {
  const cutoff = opts.days === null ? null : opts.nowMinute - opts.days * MINUTES_PER_DAY;
  const ranks =
    salesRanks && cutoff !== null
      ? Object.fromEntries(Object.entries(salesRanks).map(([k, v]) => [k, trimSeries(v, 2, cutoff)]))
      : salesRanks;
  return {
    salesRanks: ranks,
    salesRankReferenceHistory: entry.salesRank > 0 ? [entry.trackingSince, entry.rootCategory] : null,
    monthlySoldHistory: monthly,
  };
}

function feeFields(entry: CatalogueEntry): Record<string, unknown> {
  if (entry.productType !== 0) return { referralFeePercent: null, referralFeePercentage: null };
  return {
    referralFeePercent: Math.round(entry.referralFeePercentage),
    referralFeePercentage: entry.referralFeePercentage,
  };
}

function monthlySoldHistoryFor(entry: CatalogueEntry): number[] | null {
  if (entry.monthlySold <= 0) return null;
  const step = 30 * MINUTES_PER_DAY;
  const m = entry.monthlySold;
  return [
    entry.lastUpdate - 3 * step,
    Math.max(50, m / 2),
    entry.lastUpdate - 2 * step,
    m,
    entry.lastUpdate - step,
    Math.max(50, m - 100),
    entry.lastUpdate,
    m,
  ];
}

function statsFor(
  entry: CatalogueEntry,
  csv: Csv,
  offers: OfferResult | null,
  monthly: number[] | null,
  opts: ProductOptions,
): Record<string, unknown> {
  const buyBox = opts.buybox && !offers ? buyBoxFromCsv(csv) : null;
  return computeStats(csv, {
    nowMinute: opts.nowMinute,
    interval: opts.stats!,
    totalOfferCount: entry.productType === 0 ? totalOffers(entry) : -2,
    lastOffersUpdate: entry.lastOffersUpdate,
    offerStats: offers ? offers.stats : { ...NO_OFFER_STATS, ...buyBox },
    monthlySoldHistory: monthly,
  });
}

function buyBoxFromCsv(csv: Csv): { buyBoxPrice: number; buyBoxShipping: number } | null {
  const s = csv[CSV.BUY_BOX_SHIPPING];
  if (!s || s.length < 3) return null;
  return { buyBoxPrice: s[s.length - 2] ?? -1, buyBoxShipping: s[s.length - 1] ?? -1 };
}

/**
 * Keepa's answer for an ASIN it has no data for: productType 4 with null fields (fixture product-unknown-asin-stub).
 */
export function unknownProduct(asin: string, opts: ProductOptions, costs: CostTable): BuiltProduct {
  const csv: Csv = new Array<number[] | null>(CSV_LENGTH).fill(null);
  const product: Record<string, unknown> = {
    csv: opts.history ? csv : undefined,
    categories: null,
    imagesCSV: null,
    manufacturer: null,
    title: null,
    lastUpdate: 0,
    lastPriceChange: 0,
    rootCategory: 0,
    productType: 4,
    parentAsin: null,
    asin,
    domainId: opts.domainId,
    trackingSince: 0,
    eanList: null,
    availabilityAmazon: -1,
    salesRankReference: -1,
    salesRanks: null,
    stats: opts.stats
      ? computeStats(csv, {
          nowMinute: opts.nowMinute,
          interval: opts.stats,
          totalOfferCount: -2,
          lastOffersUpdate: 0,
          offerStats: NO_OFFER_STATS,
          monthlySoldHistory: null,
        })
      : null,
    offersSuccessful: false,
    categoryTree: null,
  };
  if (!opts.history) delete product.csv;
  return { product, cost: opts.update === -1 ? costs.product.updateMinus1Missing : costs.product.unknownAsin };
}
