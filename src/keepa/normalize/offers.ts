import { landedPrice } from "../csv.ts";
import type { KeepaOffer, KeepaProduct } from "../schemas/product.ts";

/** Offer condition codes (`J:structs/Offer.java`): 1 new, 2..5 used, 6..10 refurbished/collectible. */
const NEW_CONDITION = 1;
const USED_CONDITIONS: ReadonlySet<number> = new Set([2, 3, 4, 5]);

/** Live offers: those listed in `liveOffersOrder`, or all when Keepa gives no order. */
export function liveOffers(product: KeepaProduct): KeepaOffer[] {
  const offers = product.offers ?? [];
  const order = product.liveOffersOrder;
  if (!order) return offers;
  return order.map((index) => offers[index]).filter((offer): offer is KeepaOffer => offer !== undefined);
}

/** Current landed price of an offer: the last `[t, price, ship]` triple of `offerCSV`. */
export function offerPrice(offer: KeepaOffer): number | null {
  const csv = offer.offerCSV;
  if (!csv || csv.length < 3) return null;
  const end = csv.length - (csv.length % 3);
  const price = landedPrice(csv[end - 2] as number, csv[end - 1] as number);
  return price >= 0 ? price : null;
}

function minPrice(offers: readonly KeepaOffer[]): number | null {
  let best: number | null = null;
  for (const offer of offers) {
    const price = offerPrice(offer);
    if (price !== null && (best === null || price < best)) best = price;
  }
  return best;
}

export type OfferSummary = {
  amazon: number | null;
  new: number | null;
  used: number | null;
  newFba: number | null;
  newCount: number;
  usedCount: number;
  fbaCount: number;
  fbmCount: number;
  hasAmazon: boolean;
};

/**
 * Prices and counts from the live offers, for products fetched with `offers` (and often without stats).
 * Null when there are none or Keepa says the offer retrieval failed (`offersSuccessful: false`: the list is stale).
 */
export function summarizeOffers(product: KeepaProduct): OfferSummary | null {
  if (!product.offers || product.offers.length === 0 || product.offersSuccessful === false) return null;
  const live = liveOffers(product);
  const fresh = live.filter((offer) => offer.condition === NEW_CONDITION);
  const fba = fresh.filter((offer) => offer.isFBA === true);
  const amazon = fresh.filter((offer) => offer.isAmazon === true);
  const used = live.filter((offer) => USED_CONDITIONS.has(offer.condition ?? -1));
  return {
    amazon: minPrice(amazon),
    new: minPrice(fresh),
    used: minPrice(used),
    newFba: minPrice(fba),
    newCount: fresh.length,
    usedCount: used.length,
    fbaCount: fba.length,
    fbmCount: fresh.length - fba.length,
    hasAmazon: live.some((offer) => offer.isAmazon === true),
  };
}
