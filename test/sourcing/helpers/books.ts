import { CONDITIONS } from "../../../src/keepa/index.ts";
import type {
  Condition,
  ConditionMarket,
  LiveConditionPrices,
  Market,
  SnapshotPrices,
  Verification,
} from "../../../src/keepa/index.ts";
import type { ScoringInput } from "../../../src/sourcing/scoring/types.ts";

/**
 * Builders for scorer inputs (docs/economics.md). Every test states the prices it relies on: the base book has no
 * price in any condition, so a number a test did not write cannot leak into its expectations.
 */

/** When Keepa last collected offers (the age of every snapshot price). */
export const SNAPSHOT_AT = Date.parse("2026-03-01T06:00:00.000Z");
/** When the live offers of a verified book were fetched. */
export const VERIFIED_AT = Date.parse("2026-03-01T08:00:00.000Z");

/** Live offers of one condition; the offer count defaults to FBA + FBM. */
export type LiveOver = Partial<LiveConditionPrices>;

export type ConditionOver = {
  live?: LiveOver | null;
  snapshot?: Partial<SnapshotPrices>;
  average90Cents?: number | null;
  average180Cents?: number | null;
};

export type MarketOver = Partial<Record<Condition, ConditionOver>>;

function live(over: LiveOver): LiveConditionPrices {
  const fbaOffers = over.fbaOffers ?? 0;
  const fbmOffers = over.fbmOffers ?? 0;
  return {
    buyBoxCents: null,
    lowestFbaCents: null,
    lowestCents: null,
    ...over,
    fbaOffers,
    fbmOffers,
    offers: over.offers ?? fbaOffers + fbmOffers,
  };
}

function conditionMarket(over: ConditionOver = {}): ConditionMarket {
  return {
    live: over.live ? live(over.live) : null,
    snapshot: { buyBoxCents: null, lowestFbaCents: null, lowestCents: null, ...over.snapshot },
    average90Cents: over.average90Cents ?? null,
    average180Cents: over.average180Cents ?? null,
  };
}

/**
 * Every condition, with no price unless given: `market({ used_good: { snapshot: { lowestCents: 2400 } } })`.
 * A condition given `live` has live offers (pair it with `verified()` on the book).
 */
export function market(over: MarketOver = {}): Market {
  return Object.fromEntries(CONDITIONS.map((c) => [c, conditionMarket(over[c])])) as Market;
}

/** A successful live offers fetch, Amazon absent unless said. */
export function verified(over: Partial<Verification> = {}): Verification {
  return { at: VERIFIED_AT, offersRetrieved: 10, amazonOffer: false, buyBoxIsAmazon: false, ...over };
}

export type BookOver = Partial<Omit<ScoringInput, "prices" | "offers" | "averages">> & {
  prices?: Partial<ScoringInput["prices"]>;
  offers?: Partial<ScoringInput["offers"]>;
  averages?: Partial<ScoringInput["averages"]>;
};

/**
 * A book in the Books root category (fee schedule "books", referral 15 % from config), BSR 20,000, 454 g (1 lb), full
 * Keepa data, Amazon absent, not verified, and no price in any condition. Keepa's counts: 4 new, 6 used (all
 * conditions), 2 FBA; 30/90-day average rank 22,000 / 20,000.
 */
export function book(over: BookOver = {}): ScoringInput {
  const base: ScoringInput = {
    asin: "0000000001",
    title: "Intro to Widgets",
    categoryId: 283155,
    categoryName: "Books",
    bsr: 20_000,
    prices: { amazon: null, new: null, used: null },
    market: market(),
    verification: null,
    offersAsOf: SNAPSHOT_AT,
    codes: [],
    offers: { new: 4, used: 6, fba: 2 },
    amazonOnListing: false,
    referralFeePercent: null,
    fbaPickAndPackFee: null,
    packageWeightGrams: 454,
    averages: { bsr30: 22_000, bsr90: 20_000 },
    salesRankDrops30: 25,
    salesRankDrops90: 70,
    rating: 4.5,
    reviewCount: 120,
    dataQuality: "full",
  };
  return {
    ...base,
    ...over,
    prices: { ...base.prices, ...over.prices },
    offers: { ...base.offers, ...over.offers },
    averages: { ...base.averages, ...over.averages },
  };
}
