import { finderSelection } from "../discovery/selection.ts";
import type { SlotSpec } from "../pipeline/types.ts";
import { toCents } from "./fields.ts";
import type { DiscoverBody } from "./schemas.ts";

/**
 * The manual search as one discovery slot. The page is rounded up to a whole hundred: Keepa charges per started
 * hundred, so 100 results cost what 20 do, and the extra ASINs cached serve the next, bigger ask for free.
 */
export function searchSlot(body: Pick<DiscoverBody, "category" | "bsr_min" | "bsr_max" | "price_min" | "price_max" | "exclude_amazon">, wanted: number): SlotSpec {
  const selection = finderSelection({
    categoryIds: body.category ? [body.category.id] : [],
    bsr: { min: body.bsr_min, max: body.bsr_max },
    priceCents: { min: toCents(body.price_min), max: toCents(body.price_max) },
    excludeAmazon: body.exclude_amazon,
    perPage: Math.ceil(Math.max(1, wanted) / 100) * 100,
  });
  return { id: "search", selection };
}
