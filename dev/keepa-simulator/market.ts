// The marketplace behind one book: every offer by condition (1 new, 2..5 used like new → acceptable), FBA or not,
// live or stale. Offers (offers.ts), the per-condition csv series (market-history.ts) and tests all read this one
// ground truth, so the csv, the stats and the live offers can never disagree about a condition's lowest price.
// Everything here comes from per-ASIN streams: the catalogue's main rng is never touched, so entries stay as they were.
import type { CatalogueEntry } from "./entry.ts";
import { chance, hashParts, rngFor, type Rng } from "./random.ts";

export type Condition = 1 | 2 | 3 | 4 | 5;
export const USED_CONDITIONS = [2, 3, 4, 5] as const;
export type UsedCondition = (typeof USED_CONDITIONS)[number];
/** What a merchant-fulfilled offer charges for shipping; FBA and Amazon ship free. */
export const FBM_SHIPPING = 399;

export type MarketOffer = {
  condition: Condition;
  isAmazon: boolean;
  isFBA: boolean;
  price: number;
  shipping: number;
  live: boolean;
};

/** Ground truth for one slice of the market; the lowest* fields are −1 (and lowestIsFBA null) when count is 0. */
export type ConditionTruth = {
  count: number;
  fbaCount: number;
  liveCount: number;
  liveFbaCount: number;
  lowestItem: number;
  lowestShipping: number;
  lowestLanded: number;
  lowestIsFBA: boolean | null;
};

/** crowded: many FBA sellers, mostly in used_good; noUsedFba: every used offer ships FBM. */
export type MarketProfile = "normal" | "noUsedFba" | "crowded";

export type Market = {
  /** In the order `offers=N` returns them: Amazon, the lowest of each slice, then the rest by landed price. */
  offers: MarketOffer[];
  conditions: Record<Condition, ConditionTruth>;
  /** Third-party new offers fulfilled by Amazon (csv 10 NEW_FBA). */
  newFba: ConditionTruth;
  /** Merchant-fulfilled new offers (csv 7 NEW_FBM_SHIPPING). */
  newFbm: ConditionTruth;
  /** Whether Keepa holds the offer-only series 7 and 19–22 (it refreshes them only when someone fetches offers). */
  tracked: boolean;
  profile: MarketProfile;
  newBuyBox: MarketOffer | null;
  usedBuyBox: MarketOffer | null;
};

/** Typical price of each used condition relative to "very good". */
export const CONDITION_FACTOR: Record<UsedCondition, number> = { 2: 1.15, 3: 1, 4: 0.85, 5: 0.7 };
const CONDITION_WEIGHTS: Record<"normal" | "crowded", number[]> = {
  normal: [0.15, 0.3, 0.35, 0.2],
  crowded: [0.08, 0.12, 0.7, 0.1],
};
const USED_FBA_SHARE: Record<MarketProfile, number> = { normal: 0.3, noUsedFba: 0, crowded: 0.85 };
const STALE_SHARE: Record<MarketProfile, number> = { normal: 0.1, noUsedFba: 0.1, crowded: 0.03 };

type Slice = { offers: MarketOffer[] };

const landed = (o: MarketOffer): number => o.price + o.shipping;
const offer = (condition: Condition, isFBA: boolean, price: number, live: boolean): MarketOffer => ({
  condition,
  isAmazon: false,
  isFBA,
  price,
  shipping: isFBA ? 0 : FBM_SHIPPING,
  live,
});

/** Hash buckets rather than rng draws, so the share of each profile does not depend on the offer counts. */
function profileOf(seed: number, asin: string): MarketProfile {
  const bucket = hashParts(seed, asin, "market-profile") % 100;
  return bucket < 4 ? "crowded" : bucket < 34 ? "noUsedFba" : "normal";
}

/** The first offer is the slice's lowest and always live; the rest cost at least as much, item and landed. */
function fillSlice(rng: Rng, first: MarketOffer, count: number, fbaShare: number, staleShare: number): Slice {
  const offers = [first];
  for (let k = 1; k < count; k++) {
    const isFBA = fbaShare > 0 && chance(rng, fbaShare);
    const ship = isFBA ? 0 : FBM_SHIPPING;
    const floor = Math.max(first.price, landed(first) - ship);
    const price = Math.ceil(floor * (1 + 0.02 * k + rng() * 0.08));
    offers.push(offer(first.condition, isFBA, price, !chance(rng, staleShare)));
  }
  return { offers };
}

function newSlices(rng: Rng, entry: CatalogueEntry): { fba: Slice; fbm: Slice } {
  const empty = { offers: [] };
  if (entry.newPrice <= 0 || entry.countNew <= 0) return { fba: empty, fbm: empty };
  const fbaCount = entry.newFba > 0 ? entry.countNewFba : 0;
  const fbmCount = entry.countNew - fbaCount;
  return {
    fba: fbaCount > 0 ? fillSlice(rng, offer(1, true, entry.newFba, true), fbaCount, 1, 0.1) : empty,
    fbm: fbmCount > 0 ? fillSlice(rng, offer(1, false, entry.newPrice, true), fbmCount, 0, 0.1) : empty,
  };
}

/**
 * Splits countUsed over the four used conditions and prices each one's lowest offer around the catalogue's used
 * price, scaled so that the cheapest condition's lowest item is exactly `entry.used` (csv 2 USED excludes shipping).
 */
function usedSlices(rng: Rng, entry: CatalogueEntry, profile: MarketProfile): Slice[] {
  if (entry.used <= 0 || entry.countUsed <= 0) return [];
  const weights = CONDITION_WEIGHTS[profile === "crowded" ? "crowded" : "normal"];
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < entry.countUsed; i++) {
    let u = rng();
    let c = 0;
    while (c < 3 && u >= weights[c]!) u -= weights[c++]!;
    counts[c]! += 1;
  }
  const raw = USED_CONDITIONS.map((c, i) => (counts[i]! > 0 ? CONDITION_FACTOR[c] * (1 + (rng() - 0.5) * 0.16) : 0));
  const minRaw = Math.min(...raw.filter((r) => r > 0));
  const cheapest = raw.indexOf(minRaw);
  const fbaShare = USED_FBA_SHARE[profile];
  // A used copy rarely lists above a new one: the better conditions stop just under the new price.
  const cap = entry.newPrice > 0 ? Math.round(entry.newPrice * 0.95) : Number.MAX_SAFE_INTEGER;
  return USED_CONDITIONS.flatMap((c, i) => {
    if (counts[i] === 0) return [];
    const scaled = Math.min(cap, Math.round((entry.used * raw[i]!) / minRaw));
    const item = i === cheapest ? entry.used : Math.max(entry.used, scaled);
    const first = offer(c, fbaShare > 0 && chance(rng, fbaShare), item, true);
    return [fillSlice(rng, first, counts[i]!, fbaShare, STALE_SHARE[profile])];
  });
}

function truthOf(offers: MarketOffer[]): ConditionTruth {
  const lowest = offers.reduce<MarketOffer | null>((best, o) => (!best || landed(o) < landed(best) ? o : best), null);
  return {
    count: offers.length,
    fbaCount: offers.filter((o) => o.isFBA).length,
    liveCount: offers.filter((o) => o.live).length,
    liveFbaCount: offers.filter((o) => o.live && o.isFBA).length,
    lowestItem: lowest ? lowest.price : -1,
    lowestShipping: lowest ? lowest.shipping : -1,
    lowestLanded: lowest ? landed(lowest) : -1,
    lowestIsFBA: lowest ? lowest.isFBA : null,
  };
}

/** Lowest landed live offer; on a tie the earlier one (Amazon comes first) keeps the box. */
export function lowestLive(offers: readonly MarketOffer[]): MarketOffer | null {
  let best: MarketOffer | null = null;
  for (const o of offers) if (o.live && (!best || landed(o) < landed(best))) best = o;
  return best;
}

/** Amazon gives the used buy box to the best condition on offer, then to the lowest landed price within it. */
export function usedBuyBoxOf(offers: readonly MarketOffer[]): MarketOffer | null {
  const used = offers.filter((o) => o.condition > 1 && o.live);
  const best = Math.min(...used.map((o) => o.condition));
  return lowestLive(used.filter((o) => o.condition === best));
}

function build(seed: number, entry: CatalogueEntry): Market {
  const rng = rngFor(seed, entry.asin, "market");
  const profile = profileOf(seed, entry.asin);
  const book = entry.productType === 0;
  const amazon = book && entry.amazon > 0 ? [{ ...offer(1, true, entry.amazon, true), isAmazon: true }] : [];
  const fresh = book ? newSlices(rng, entry) : { fba: { offers: [] }, fbm: { offers: [] } };
  const used = book ? usedSlices(rng, entry, profile) : [];
  const slices = [fresh.fba, fresh.fbm, ...used];
  const head = [...amazon, ...slices.flatMap((s) => s.offers.slice(0, 1))];
  const rest = slices.flatMap((s) => s.offers.slice(1)).sort((a, b) => landed(a) - landed(b));
  const offers = [...head, ...rest];
  const byCondition = (c: Condition) => truthOf(offers.filter((o) => o.condition === c));
  return {
    offers,
    conditions: { 1: byCondition(1), 2: byCondition(2), 3: byCondition(3), 4: byCondition(4), 5: byCondition(5) },
    newFba: truthOf(fresh.fba.offers),
    newFbm: truthOf(fresh.fbm.offers),
    tracked: book && entry.csvStyle !== "allPricesMissing" && hashParts(seed, entry.asin, "tracked") % 100 >= 30,
    profile,
    newBuyBox: lowestLive(offers.filter((o) => o.condition === 1)),
    usedBuyBox: usedBuyBoxOf(offers),
  };
}

const cache = new WeakMap<CatalogueEntry, Market>();

/** The market of one catalogue entry (empty for anything but a book); memoised, as entries never change. */
export function marketOf(catalogue: { readonly seed: number }, entry: CatalogueEntry): Market {
  const cached = cache.get(entry);
  if (cached) return cached;
  const market = build(catalogue.seed, entry);
  cache.set(entry, market);
  return market;
}
