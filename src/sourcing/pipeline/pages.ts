import { sampleOrder } from "./plan.ts";

/**
 * Which page of a cached discovery list a request screens (docs/economics.md#pages-from-the-cached-list): page 1 is
 * the list's first spread sample, page n what the first n − 1 samples left. One Product Finder page of 100 ASINs so
 * serves many requests: a user paging through a search, or Surprise me picking a niche again, pays only for the new
 * products it screens.
 */
export type ListPage = {
  number: number;
  size: number;
  /** A page past the list's end wraps around to one that exists (Surprise me), rather than being empty (a search). */
  wrap?: boolean;
};

/**
 * The list as page `number` sees it: rank order kept, without the ASINs the earlier pages sampled (each page's sample
 * is {@link sampleOrder}'s first `size`, as the pick takes them), so pages never repeat and each spreads over the
 * whole remaining list. Deterministic: the same page of the same list is always the same ASINs.
 */
export function pageView(list: readonly string[], page: ListPage | undefined): readonly string[] {
  if (!page || page.number <= 1 || page.size <= 0) return list;
  const pages = Math.max(1, Math.ceil(list.length / page.size));
  const number = page.wrap ? ((page.number - 1) % pages) + 1 : page.number;
  let rest: readonly string[] = list;
  for (let n = 1; n < number && rest.length > 0; n++) {
    const shown = new Set(sampleOrder(rest, page.size).slice(0, page.size));
    rest = rest.filter((asin) => !shown.has(asin));
  }
  return rest;
}
