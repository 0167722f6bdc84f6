import type { Condition } from "./conditions.ts";

/** Where the rank came from, best first (docs/keepa.md#sales-rank-fallback). */
export type BsrSource = "salesRanks.reference" | "salesRanks.other" | "stats.current" | "csv.recent" | "stats.avg30";

export type NormalizedBsr = {
  /** Sales rank; 0 is a valid rank, unknown is `bsr: null`. */
  rank: number;
  source: BsrSource;
  /** Category the rank belongs to, when the source says (salesRanks entries). */
  categoryId: number | null;
};

/** Prices in integer cents (the locale's smallest unit); null = no offer or unknown. */
export type NormalizedPrices = {
  amazon: number | null;
  new: number | null;
  used: number | null;
  /** Landed (price + shipping). */
  buyBox: number | null;
  newFba: number | null;
  listPrice: number | null;
};

export type NormalizedAverages = { new: number | null; used: number | null; sales: number | null };

export type DataQuality = "full" | "degraded" | "unavailable";

/** Landed prices (cents) from the live offers of this response: only with `offers`. */
export type LiveConditionPrices = {
  /** The buy box of this condition (the used buy box counts only for its own condition). */
  buyBoxCents: number | null;
  lowestFbaCents: number | null;
  lowestCents: number | null;
  offers: number;
  fbaOffers: number;
  fbmOffers: number;
};

/** Keepa's last collected landed values (`stats.current`): not live, as old as `offersAsOf`. */
export type SnapshotPrices = { buyBoxCents: number | null; lowestFbaCents: number | null; lowestCents: number | null };

/** One condition's market (docs/economics.md#landed-prices). Every price is landed; null = unknown. */
export type ConditionMarket = {
  /** null when this response has no live offers (the product is not verified). */
  live: LiveConditionPrices | null;
  snapshot: SnapshotPrices;
  average90Cents: number | null;
  average180Cents: number | null;
};

export type Market = Record<Condition, ConditionMarket>;

/** A successful live offers fetch: what verification found beyond the per-condition prices. */
export type Verification = {
  /** Epoch ms of the fetch. */
  at: number;
  offersRetrieved: number;
  amazonOffer: boolean;
  buyBoxIsAmazon: boolean | null;
};

/**
 * The product as the scorer sees it: typed, units fixed, sentinels turned into null, every gap listed in `warnings`.
 */
export type NormalizedProduct = {
  asin: string;
  domainId: number | null;
  title: string | null;
  /** 0 standard, 1 downloadable, 2 ebook, 3 unaccessible, 4 invalid, 5 variation parent. */
  productType: number | null;
  categoryTree: { catId: number; name: string }[];
  /** Null when Keepa reports 0 (unknown). */
  rootCategory: number | null;
  /** Last (deepest) element of `categoryTree`. */
  categoryName: string | null;
  bsr: NormalizedBsr | null;
  prices: NormalizedPrices;
  offerCounts: {
    new: number | null;
    used: number | null;
    /** `stats.offerCountFBA`, else counted from live offers; never COUNT_NEW. */
    fba: number | null;
    fbm: number | null;
    /** csv COUNT_NEW_FBA (34): FBA offers including Amazon. */
    newFbaInclAmazon: number | null;
  };
  /** `availabilityAmazon ≥ 0`, a current AMAZON price, or a live Amazon offer. */
  amazonOnListing: boolean;
  fees: {
    referralFeePercentage: number | null;
    /** Cents. */
    pickAndPackFee: number | null;
    /** Cents (media items). */
    variableClosingFee: number | null;
  };
  /** Grams. */
  packageWeight: number | null;
  /** Stars 0..5. */
  rating: number | null;
  reviewCount: number | null;
  salesRankDrops30: number | null;
  salesRankDrops90: number | null;
  averages: { avg30: NormalizedAverages; avg90: NormalizedAverages };
  /** Per-condition landed prices (docs/economics.md). */
  market: Market;
  /** Set when this product was fetched with live offers (docs/economics.md#two-stage-funnel). */
  verification: Verification | null;
  /** Epoch ms of Keepa's last offers collection: the age of the market snapshot. */
  offersAsOf: number | null;
  /** EAN and UPC codes (ISBN-13 for books), to match a seller's list by identifier. */
  codes: string[];
  /** Amazon's "bought in past month". */
  monthlySold: number | null;
  /** Epoch ms of Keepa's last update of this product. */
  lastUpdate: number | null;
  dataQuality: DataQuality;
  warnings: string[];
};
