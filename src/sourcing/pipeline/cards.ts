import type { NormalizedProduct } from "../../keepa/index.ts";
import { pageView } from "./pages.ts";
import type { ListPage } from "./pages.ts";
import { sampleOrder } from "./plan.ts";
import type { SlotSpec } from "./types.ts";

/** The ASINs a slot samples: its part of the list when the list is shared, then the page the request asked for. */
export function slotView(spec: SlotSpec, list: readonly string[], page: ListPage | undefined): readonly string[] {
  return pageView(spec.share ? spec.share.part(list) : list, page);
}

/**
 * Each slot's products from its picks (docs/economics.md#pages-from-the-cached-list): a slot of a shared list keeps
 * the screened picks its own ranges accept (picks not fetched stay, for the answer to list), then tops up, for free,
 * with products already known (cached or just screened, a sibling's rejects included) of its view that it accepts and
 * no other slot shows. Nothing here is bought: the picks were, within the plan's lookups. Rank order kept.
 */
export function slotProducts(
  specs: readonly SlotSpec[],
  views: readonly (readonly string[])[],
  picks: readonly (readonly string[])[],
  products: ReadonlyMap<string, NormalizedProduct>,
  perSlot: number,
): string[][] {
  const mine = (spec: SlotSpec, asin: string) => {
    const product = products.get(asin);
    return !spec.share || product === undefined || spec.share.accepts(product);
  };
  const kept = specs.map((spec, i) => (picks[i] ?? []).filter((asin) => mine(spec, asin)));
  const shown = new Set(kept.flat());
  return specs.map((spec, i) => {
    const card = kept[i] as string[];
    if (!spec.share) return card;
    const view = views[i] ?? [];
    for (const asin of sampleOrder(view, perSlot)) {
      if (card.length >= perSlot) break;
      if (shown.has(asin) || !products.has(asin) || !mine(spec, asin)) continue;
      shown.add(asin);
      card.push(asin);
    }
    const position = new Map(view.map((asin, at) => [asin, at]));
    return card.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  });
}
