import { finderSelection, perPageFor } from "../discovery/selection.ts";
import type { SlotSpec } from "../pipeline/types.ts";
import { toCents } from "../math.ts";
import type { DiscoverBody } from "./schemas.ts";

/** The manual search as one discovery slot, on a page of whole hundreds (see {@link perPageFor}). */
export function searchSlot(body: Pick<DiscoverBody, "category" | "bsr_min" | "bsr_max" | "price_min" | "price_max" | "exclude_amazon">, wanted: number): SlotSpec {
  const selection = finderSelection({
    categoryIds: body.category ? [body.category.id] : [],
    bsr: { min: body.bsr_min, max: body.bsr_max },
    priceCents: { min: toCents(body.price_min), max: toCents(body.price_max) },
    excludeAmazon: body.exclude_amazon,
    perPage: perPageFor(wanted),
  });
  return { id: "search", selection };
}
