import type { ScoringConfig } from "./config.ts";
import type { BuyPriceSource, ScoringInput, SellPriceSource } from "./types.ts";

export type PricePick<S extends string> = { cents: number | null; source: S | "none" };

const usable = (cents: number | null): cents is number => cents !== null && Number.isFinite(cents) && cents > 0;

/**
 * Buy price: the user's own source price when given, otherwise the cheapest real used or new offer on this product
 * (never a constant factor of the sell price). A 0 source price is kept (a free book is real); ROI then is undefined.
 */
export function pickBuyPrice(
  input: Pick<ScoringInput, "prices">,
  sourcePriceCents?: number,
): PricePick<Exclude<BuyPriceSource, "none">> {
  if (sourcePriceCents !== undefined && Number.isFinite(sourcePriceCents) && sourcePriceCents >= 0) {
    return { cents: Math.round(sourcePriceCents), source: "source_price" };
  }
  const { used, new: fresh } = input.prices;
  if (usable(used) && (!usable(fresh) || used <= fresh)) return { cents: used, source: "used_offer" };
  if (usable(fresh)) return { cents: fresh, source: "new_offer" };
  return { cents: null, source: "none" };
}

const sellCandidates = (prices: ScoringInput["prices"]): Record<SellPriceSource, number | null> => ({
  buyBox: prices.buyBox,
  new: prices.new,
  used: prices.used,
});

/** Sell price: first usable source in the configured order (buy box → new → used by default). */
export function pickSellPrice(input: Pick<ScoringInput, "prices">, config: ScoringConfig): PricePick<SellPriceSource> {
  const candidates = sellCandidates(input.prices);
  for (const source of config.sellPriceSources) {
    const cents = candidates[source];
    if (usable(cents)) return { cents, source };
  }
  return { cents: null, source: "none" };
}
