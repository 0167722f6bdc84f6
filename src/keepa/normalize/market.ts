import { CSV } from "../csv.ts";
import type { CsvIndex } from "../csv.ts";
import type { KeepaOffer, KeepaProduct, KeepaStats } from "../schemas/product.ts";
import { liveOffers, offerPrice } from "./offers.ts";
import { CONDITIONS, OFFER_CONDITION_CODE } from "./conditions.ts";
import type { Condition } from "./conditions.ts";
import type { ConditionMarket, LiveConditionPrices, Market, SnapshotPrices } from "./types.ts";
import { currentValue, statAt } from "./values.ts";

/** csv 19–22: the landed lowest used price of one condition (docs/economics.md#landed-prices). */
const USED_LANDED: Readonly<Record<Exclude<Condition, "new">, CsvIndex>> = {
  used_like_new: CSV.USED_NEW_SHIPPING,
  used_very_good: CSV.USED_VERY_GOOD_SHIPPING,
  used_good: CSV.USED_GOOD_SHIPPING,
  used_acceptable: CSV.USED_ACCEPTABLE_SHIPPING,
};

const nonNegative = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) || value < 0 ? null : value;

const minKnown = (...values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.min(...known);
};

const landed = (price: number | null | undefined, shipping: number | null | undefined): number | null => {
  const p = nonNegative(price);
  return p === null ? null : p + Math.max(shipping ?? 0, 0);
};

/** The new buy box as Keepa reports it: with `offers` or `buybox`, `stats.buyBoxPrice + buyBoxShipping`. */
const newBuyBox = (stats: KeepaStats | null | undefined): number | null =>
  landed(stats?.buyBoxPrice, stats?.buyBoxShipping);

/** The used buy box belongs to one condition; it counts only for that one. */
function usedBuyBox(stats: KeepaStats | null | undefined, condition: Condition): number | null {
  if (stats?.buyBoxUsedCondition !== OFFER_CONDITION_CODE[condition]) return null;
  return landed(stats.buyBoxUsedPrice, stats.buyBoxUsedShipping);
}

/** Whether this response carries a successful live offers fetch (`offers` requested and retrieved). */
export function hasLiveOffers(product: KeepaProduct): boolean {
  return Array.isArray(product.offers) && product.offersSuccessful === true;
}

function liveFor(product: KeepaProduct, condition: Condition, live: readonly KeepaOffer[]): LiveConditionPrices {
  const code = OFFER_CONDITION_CODE[condition];
  const mine = live.filter((offer) => offer.condition === code);
  const prices = (offers: readonly KeepaOffer[]) => offers.map(offerPrice).filter((p): p is number => p !== null);
  const fba = mine.filter((offer) => offer.isFBA === true);
  return {
    buyBoxCents: condition === "new" ? newBuyBox(product.stats) : usedBuyBox(product.stats, condition),
    lowestFbaCents: minKnown(...prices(fba)),
    lowestCents: minKnown(...prices(mine)),
    offers: mine.length,
    fbaOffers: fba.length,
    fbmOffers: mine.length - fba.length,
  };
}

/** Keepa's last collected landed values: the "extra" csv types are refreshed only when someone fetches offers. */
function snapshotFor(product: KeepaProduct, condition: Condition): SnapshotPrices {
  const current = (index: CsvIndex) => currentValue(product, index).value;
  if (condition === "new") {
    const fba = current(CSV.NEW_FBA);
    return {
      buyBoxCents: current(CSV.BUY_BOX_SHIPPING),
      lowestFbaCents: fba,
      lowestCents: minKnown(fba, current(CSV.NEW_FBM_SHIPPING)),
    };
  }
  return {
    buyBoxCents: usedBuyBox(product.stats, condition),
    lowestFbaCents: null,
    lowestCents: current(USED_LANDED[condition]),
  };
}

/** The condition's typical landed price over a window: new prefers the buy box, else its lowest FBA/FBM offer. */
function average(values: readonly number[] | null | undefined, condition: Condition): number | null {
  if (condition !== "new") return statAt(values, USED_LANDED[condition]);
  return (
    statAt(values, CSV.BUY_BOX_SHIPPING) ?? minKnown(statAt(values, CSV.NEW_FBA), statAt(values, CSV.NEW_FBM_SHIPPING))
  );
}

/**
 * Per-condition landed prices (docs/economics.md): live offers when this response has them, Keepa's last collected
 * values, and 90/180-day averages. csv NEW and USED are never read here: they exclude shipping and USED mixes
 * conditions.
 */
export function extractMarket(product: KeepaProduct): Market {
  const live = hasLiveOffers(product) ? liveOffers(product) : null;
  const stats = product.stats;
  const entry = (condition: Condition): ConditionMarket => ({
    live: live ? liveFor(product, condition, live) : null,
    snapshot: snapshotFor(product, condition),
    average90Cents: average(stats?.avg90, condition),
    average180Cents: average(stats?.avg180, condition),
  });
  return Object.fromEntries(CONDITIONS.map((c) => [c, entry(c)])) as Market;
}
