import type { NormalizedProduct } from "../../keepa/index.ts";
import { sampleOrder } from "./plan.ts";

export type Picks = {
  /** Per slot, the ASINs chosen in rank order. */
  bySlot: string[][];
  /** Unique ASINs to buy with /product. */
  toFetch: string[];
};

/**
 * Chooses up to `perSlot` products per slot, spread evenly over its rank-sorted list ({@link sampleOrder}, the order
 * the plan counted), never the same ASIN twice. Cached products are
 * free; uncached ones spend the `allowance` (the plan's lookups, never more than the budget left). With the
 * allowance gone, lower-ranked cached products still fill the slot for free.
 */
export function pickProducts(
  lists: readonly (readonly string[])[],
  perSlot: number,
  known: ReadonlyMap<string, NormalizedProduct>,
  allowance: number,
): Picks {
  const picked = new Set<string>();
  const toFetch: string[] = [];
  let left = Math.max(0, allowance);
  const bySlot = lists.map((list) => {
    const chosen: string[] = [];
    for (const asin of sampleOrder(list, perSlot)) {
      if (chosen.length >= perSlot) break;
      if (picked.has(asin)) continue;
      const cached = known.has(asin);
      if (!cached && left <= 0) continue;
      if (!cached) {
        left -= 1;
        toFetch.push(asin);
      }
      picked.add(asin);
      chosen.push(asin);
    }
    const position = new Map(list.map((asin, i) => [asin, i]));
    return chosen.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  });
  return { bySlot, toFetch };
}
