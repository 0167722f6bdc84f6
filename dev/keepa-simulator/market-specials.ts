// Market edge cases the scorer must handle, found deterministically in the catalogue (catalogue.ts specials).
import type { CatalogueEntry } from "./entry.ts";
import { marketOf, USED_CONDITIONS } from "./market.ts";

export type MarketSpecials = {
  /** Ranked, no Amazon offer, no used offer at all (countUsed 0), new price ≥ $60, new offers where possible. */
  noUsedOffers: string;
  /** Ranked, no Amazon offer, ≥ 6 live FBA offers in used_good among the first 20 offers (what `offers=20` shows);
   * csv 21 tracked where the catalogue has such a book. */
  crowdedUsedFba: string;
  /** Ranked, no Amazon offer, has used offers but no csv 7/19–22: priceable in its condition only after a fetch. */
  untrackedConditions: string;
};

export const CROWDED_MIN_LIVE_FBA = 6;
/** The page a verification asks for (`offers=20`): the crowd must be visible to it. */
const VERIFY_OFFERS = 20;

export function findMarketSpecials(seed: number, entries: CatalogueEntry[]): MarketSpecials {
  const market = (e: CatalogueEntry) => marketOf({ seed }, e);
  const plain = (e: CatalogueEntry) =>
    e.productType === 0 && e.csvStyle === "full" && e.salesRank > 0 && e.amazon <= 0 && e.newPrice > 0;
  const hasUsed = (e: CatalogueEntry) => USED_CONDITIONS.some((c) => market(e).conditions[c].count > 0);
  const liveGoodFba = (e: CatalogueEntry) =>
    market(e)
      .offers.slice(0, VERIFY_OFFERS)
      .filter((o) => o.condition === 4 && o.isFBA && o.live).length;
  const first = (what: string, ...tests: ((e: CatalogueEntry) => boolean)[]): string => {
    // Later tests are fallbacks for tiny catalogues; the default sizes all meet the first one.
    for (const test of tests) {
      const found = entries.find((e) => plain(e) && test(e));
      if (found) return found.asin;
    }
    throw new Error(`catalogue has no ${what}; increase catalogueSize`);
  };
  return {
    noUsedOffers: first(
      "book without used offers",
      // Preferably one whose csv 2 USED agrees (−1; a countUsed of 0 beside a used price is a stale value) and
      // that still sells new, so a test sees a priceable product without a used market.
      (e) => e.countUsed === 0 && e.used <= 0 && e.newPrice >= 6_000 && e.countNew > 0,
      (e) => e.countUsed === 0 && e.newPrice >= 6_000 && e.countNew > 0,
      (e) => e.countUsed === 0 && e.newPrice >= 6_000,
      (e) => !hasUsed(e),
    ),
    crowdedUsedFba: first(
      "crowded used_good FBA market",
      (e) => market(e).tracked && liveGoodFba(e) >= CROWDED_MIN_LIVE_FBA,
      (e) => liveGoodFba(e) >= CROWDED_MIN_LIVE_FBA,
    ),
    untrackedConditions: first("untracked used market", (e) => hasUsed(e) && !market(e).tracked),
  };
}
