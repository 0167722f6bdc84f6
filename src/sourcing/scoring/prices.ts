import type { Condition, ConditionMarket } from "../../keepa/index.ts";
import type { BuyCost, CostModel, LandedPrice, PriceSource, ScoringInput } from "./types.ts";
import { roundHalfAway } from "./math.ts";

const usable = (cents: number | null | undefined): cents is number =>
  cents !== null && cents !== undefined && Number.isFinite(cents) && cents > 0;

type Candidate = [PriceSource, number | null, boolean, number | null];

/**
 * The landed sell price of `condition` from the best source known (docs/economics.md#which-sell-price): buy box →
 * lowest FBA → lowest offer → 90/180-day average. Live offers, when fetched, replace Keepa's older snapshot rather
 * than fall back to it. Null when the condition has no price: no other condition's price stands in.
 */
export function pickSellPrice(
  input: Pick<ScoringInput, "market" | "verification" | "offersAsOf">,
  condition: Condition,
): LandedPrice | null {
  const market: ConditionMarket = input.market[condition];
  const current = market.live ?? market.snapshot;
  const live = market.live !== null;
  const at = live ? (input.verification?.at ?? null) : input.offersAsOf;
  const candidates: Candidate[] = [
    ["buy_box", current.buyBoxCents, live, at],
    ["lowest_fba", current.lowestFbaCents, live, at],
    ["lowest_offer", current.lowestCents, live, at],
    ["average_90d", market.average90Cents, false, null],
    ["average_180d", market.average180Cents, false, null],
  ];
  for (const [source, cents, isLive, observedAt] of candidates) {
    if (usable(cents)) return { cents, condition, landed: true, source, live: isLive, observedAt };
  }
  return null;
}

/** The lowest landed offer of one condition: live when verified, else Keepa's last collected value. */
function lowestOffer(
  input: Pick<ScoringInput, "market">,
  condition: Condition,
): { cents: number; live: boolean } | null {
  const market = input.market[condition];
  const cents = market.live ? market.live.lowestCents : market.snapshot.lowestCents;
  return usable(cents) ? { cents, live: market.live !== null } : null;
}

/** perItem keys are ASINs or ISBN-13/EAN codes (normalized by the request schema). */
function itemCost(input: Pick<ScoringInput, "asin" | "codes">, items: Readonly<Record<string, number>>) {
  const key = [input.asin, ...input.codes].find((id) => Object.hasOwn(items, id));
  return key === undefined ? undefined : { key, cents: items[key] as number };
}

/**
 * What the seller pays for the copy under `model` (docs/economics.md#buy-cost); null when the model has no cost for
 * this product (an item missing from a perItem list, no offer in the chosen buy condition, no sell price to take a
 * percentage of). Never the cheapest Amazon offer unless the model says amazonOffer.
 */
export function buyCost(
  input: Pick<ScoringInput, "asin" | "codes" | "market">,
  model: CostModel,
  sell: LandedPrice | null,
): BuyCost | null {
  const base = { model: model.model, condition: null, landed: false, live: false } as const;
  switch (model.model) {
    case "percentOfSell":
      if (!sell) return null;
      return {
        ...base,
        cents: roundHalfAway((sell.cents * model.percent) / 100),
        detail: `${model.percent} % of sell`,
      };
    case "flatCents":
      return { ...base, cents: model.cents, detail: "flat cost per item" };
    case "perItem": {
      const item = itemCost(input, model.items);
      return item ? { ...base, cents: item.cents, detail: `listed cost for ${item.key}` } : null;
    }
    case "amazonOffer": {
      const offer = lowestOffer(input, model.condition);
      if (!offer) return null;
      const detail = `lowest landed ${model.condition} offer on Amazon`;
      return { ...base, cents: offer.cents, condition: model.condition, landed: true, live: offer.live, detail };
    }
  }
}
