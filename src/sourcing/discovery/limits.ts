import type { z } from "zod";

/**
 * Bounds and checks for discovery filters, shared by every input that describes a search (the discover endpoints'
 * bodies, AutoSourcing profiles), so the same search is accepted or refused the same way wherever it is typed.
 */

/** Highest sales rank a filter may name; Keepa's ranks stay well below it. */
export const MAX_BSR = 10_000_000;
/** Highest price a filter (or a source price) may name, in dollars. */
export const MAX_PRICE_DOLLARS = 10_000;

type RangeShape = Record<string, unknown>;

/** A zod refinement adding "min ≤ max" checks for `[minKey, maxKey]` pairs, reported on the max field. */
export function orderedRanges<T extends RangeShape>(pairs: readonly (readonly [keyof T & string, keyof T & string])[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const [minKey, maxKey] of pairs) {
      const min = value[minKey];
      const max = value[maxKey];
      if (typeof min === "number" && typeof max === "number" && min > max) {
        ctx.addIssue({ code: "custom", path: [maxKey], message: `${maxKey} (${max}) must be ≥ ${minKey} (${min})` });
      }
    }
  };
}
