// Marketplace offers for `offers=N`. The number of offers found drives the token cost (6 per page of 10).
import type { Catalogue } from "./catalogue.ts";
import type { CatalogueEntry } from "./entry.ts";
import { marketOf, type MarketOffer } from "./market.ts";
import { intBetween, rngFor, type Rng } from "./random.ts";
import type { OfferStats } from "./stats.ts";

export const AMAZON_SELLER_ID = "ATVPDKIKX0DER";
const SELLER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export type Offer = {
  offerId: number;
  lastSeen: number;
  sellerId: string;
  offerCSV: number[];
  condition: number;
  conditionComment: null;
  isPrime: boolean;
  isMAP: boolean;
  isShippable: boolean;
  isAddonItem: boolean;
  isPreorder: boolean;
  isWarehouseDeal: boolean;
  isScam: boolean;
  isAmazon: boolean;
  isPrimeExcl: boolean;
  isFBA: boolean;
  shipsFromChina: boolean;
  minOrderQty: number;
  stockCSV?: number[];
};

export type OfferResult = { offers: Offer[]; liveOffersOrder: number[]; stats: OfferStats };

/** Total offers the product has on Amazon right now (Amazon's own offer counts as one). */
export function totalOffers(entry: CatalogueEntry): number {
  if (entry.productType !== 0) return 0;
  return entry.countNew + entry.countUsed + (entry.amazon > 0 ? 1 : 0);
}

function sellerId(rng: Rng): string {
  let id = "A";
  for (let i = 0; i < 13; i++) id += SELLER_CHARS[Math.floor(rng() * SELLER_CHARS.length)];
  return id;
}

function toOffer(rng: Rng, d: MarketOffer, index: number, lastOffersUpdate: number, withStock: boolean): Offer {
  const lastSeen = d.live ? lastOffersUpdate : lastOffersUpdate - intBetween(rng, 1_440, 20_000);
  const ship = d.shipping;
  const firstSeen = lastSeen - intBetween(rng, 1_440, 60_000);
  const offer: Offer = {
    offerId: index + 1,
    lastSeen,
    sellerId: d.isAmazon ? AMAZON_SELLER_ID : sellerId(rng),
    offerCSV: [firstSeen, Math.round(d.price * 1.04), ship, lastSeen, d.price, ship],
    condition: d.condition,
    conditionComment: null,
    isPrime: d.isFBA,
    isMAP: false,
    isShippable: true,
    isAddonItem: false,
    isPreorder: false,
    isWarehouseDeal: false,
    isScam: false,
    isAmazon: d.isAmazon,
    isPrimeExcl: false,
    isFBA: d.isFBA,
    shipsFromChina: false,
    minOrderQty: 1,
  };
  if (withStock) offer.stockCSV = [lastSeen, intBetween(rng, 1, 30)];
  return offer;
}

// offerCSV is [firstSeen, price, ship, lastSeen, price, ship]: the last triple is the current offer.
const landed = (o: Offer): number => (o.offerCSV[4] ?? 0) + Math.max(o.offerCSV[5] ?? 0, 0);
const price = (o: Offer | undefined): number => (o ? (o.offerCSV[4] ?? -1) : -1);
const shipping = (o: Offer | undefined): number => (o ? (o.offerCSV[5] ?? -1) : -1);

/** The new buy box is the lowest landed live new offer; the used one goes to the best condition first. */
function buyBoxStats(live: Offer[]): Omit<OfferStats, "offerCountFBA" | "offerCountFBM" | "retrievedOfferCount"> {
  const box = live.find((o) => o.condition === 1);
  const best = Math.min(...live.filter((o) => o.condition > 1).map((o) => o.condition));
  const used = live.find((o) => o.condition === best);
  return {
    buyBoxPrice: price(box),
    buyBoxShipping: shipping(box),
    buyBoxIsFBA: box ? box.isFBA : null,
    buyBoxIsAmazon: box ? box.isAmazon : null,
    buyBoxSellerId: box ? box.sellerId : null,
    buyBoxUsedPrice: price(used),
    buyBoxUsedShipping: shipping(used),
    buyBoxUsedCondition: used ? used.condition : -1,
    buyBoxUsedIsFBA: used ? used.isFBA : null,
    buyBoxUsedSellerId: used ? used.sellerId : null,
  };
}

/** Offers come from the book's market (market.ts), so they agree with csv 7/10/19–22/32 and with marketOf. */
export function generateOffers(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  limit: number,
  opts: { onlyLive: boolean; stock: boolean },
): OfferResult {
  const rng = rngFor(catalogue.seed, entry.asin, "offers");
  const market = marketOf(catalogue, entry).offers;
  const all = market.map((d, i) => toOffer(rng, d, i, entry.lastOffersUpdate, opts.stock));
  let offers = all.slice(0, limit);
  if (opts.onlyLive) offers = offers.filter((o) => o.lastSeen === entry.lastOffersUpdate);
  const live = offers.map((o, i) => ({ o, i })).filter(({ o }) => o.lastSeen === entry.lastOffersUpdate);
  live.sort((a, b) => landed(a.o) - landed(b.o) || a.i - b.i);
  const liveNew = live.filter(({ o }) => o.condition === 1).map(({ o }) => o);
  return {
    offers,
    liveOffersOrder: live.map(({ i }) => i),
    stats: {
      offerCountFBA: liveNew.filter((o) => o.isFBA).length,
      offerCountFBM: liveNew.filter((o) => !o.isFBA).length,
      retrievedOfferCount: offers.length,
      ...buyBoxStats(live.map(({ o }) => o)),
    },
  };
}
