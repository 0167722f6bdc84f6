import { toCents } from "../math.ts";
import type { DiscoverBody } from "./schemas.ts";

/** The filters as understood (category resolved, prices in cents): echoed so a caller sees what was searched. */
export function queryEcho(body: Pick<DiscoverBody, "category" | "bsr_min" | "bsr_max" | "price_min" | "price_max" | "exclude_amazon">, domain: number) {
  return {
    domain,
    category: body.category ? { id: body.category.id, name: body.category.name } : null,
    bsrRange: { min: body.bsr_min ?? null, max: body.bsr_max ?? null },
    priceRangeCents: {
      min: toCents(body.price_min) ?? null,
      max: toCents(body.price_max) ?? null,
    },
    excludeAmazon: body.exclude_amazon,
  };
}
