// Marketplace offers for `offers=N`. The number of offers found drives the token cost (6 per page of 10).
import type { Catalogue } from "./catalogue.ts";
import type { CatalogueEntry } from "./entry.ts";
import { chance, intBetween, rngFor, type Rng } from "./random.ts";
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

type Draft = { isAmazon: boolean; isFBA: boolean; condition: number; price: number };

/** Total offers the product has on Amazon right now (Amazon's own offer counts as one). */
export function totalOffers(entry: CatalogueEntry): number {
  if (entry.productType !== 0) return 0;
  return entry.countNew + entry.countUsed + (entry.amazon > 0 ? 1 : 0);
}

function drafts(rng: Rng, entry: CatalogueEntry): Draft[] {
  const list: Draft[] = [];
  if (entry.amazon > 0) list.push({ isAmazon: true, isFBA: true, condition: 1, price: entry.amazon });
  for (let i = 0; i < entry.countNew; i++) {
    const base = i < entry.countNewFba && entry.newFba > 0 ? entry.newFba : entry.newPrice;
    const price = i === 0 || i === entry.countNewFba ? base : Math.round(base * (1 + 0.02 * i + rng() * 0.05));
    list.push({ isAmazon: false, isFBA: i < entry.countNewFba, condition: 1, price });
  }
  for (let i = 0; i < entry.countUsed; i++) {
    const price = i === 0 ? entry.used : Math.round(entry.used * (1 + 0.03 * i + rng() * 0.08));
    list.push({ isAmazon: false, isFBA: chance(rng, 0.25), condition: intBetween(rng, 2, 5), price });
  }
  return list.filter((d) => d.price > 0);
}

function sellerId(rng: Rng): string {
  let id = "A";
  for (let i = 0; i < 13; i++) id += SELLER_CHARS[Math.floor(rng() * SELLER_CHARS.length)];
  return id;
}

function toOffer(rng: Rng, d: Draft, index: number, lastOffersUpdate: number, withStock: boolean): Offer {
  const stale = !d.isAmazon && chance(rng, 0.1);
  const lastSeen = stale ? lastOffersUpdate - intBetween(rng, 1_440, 20_000) : lastOffersUpdate;
  const ship = d.isFBA ? 0 : 399;
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

const landed = (o: Offer): number => (o.offerCSV[4] ?? 0) + Math.max(o.offerCSV[5] ?? 0, 0);

export function generateOffers(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  limit: number,
  opts: { onlyLive: boolean; stock: boolean },
): OfferResult {
  const rng = rngFor(catalogue.seed, entry.asin, "offers");
  const all = drafts(rng, entry).map((d, i) => toOffer(rng, d, i, entry.lastOffersUpdate, opts.stock));
  let offers = all.slice(0, limit);
  if (opts.onlyLive) offers = offers.filter((o) => o.lastSeen === entry.lastOffersUpdate);
  const live = offers.map((o, i) => ({ o, i })).filter(({ o }) => o.lastSeen === entry.lastOffersUpdate);
  live.sort((a, b) => landed(a.o) - landed(b.o) || a.i - b.i);
  const liveNew = live.filter(({ o }) => o.condition === 1).map(({ o }) => o);
  const buyBox = liveNew[0];
  return {
    offers,
    liveOffersOrder: live.map(({ i }) => i),
    stats: {
      offerCountFBA: liveNew.filter((o) => o.isFBA).length,
      offerCountFBM: liveNew.filter((o) => !o.isFBA).length,
      retrievedOfferCount: offers.length,
      buyBoxPrice: buyBox ? (buyBox.offerCSV[4] ?? -1) : -1,
      buyBoxShipping: buyBox ? (buyBox.offerCSV[5] ?? -1) : -1,
      buyBoxIsFBA: buyBox ? buyBox.isFBA : null,
      buyBoxIsAmazon: buyBox ? buyBox.isAmazon : null,
      buyBoxSellerId: buyBox ? buyBox.sellerId : null,
    },
  };
}
