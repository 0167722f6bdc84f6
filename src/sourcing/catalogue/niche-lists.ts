import type { NormalizedProduct } from "../../keepa/index.ts";
import { DEFAULT_PER_PAGE, finderSelection } from "../discovery/selection.ts";
import type { SlotShare, SlotSpec } from "../pipeline/types.ts";
import { NICHE_TEMPLATES } from "./niches.ts";
import type { NicheTemplate } from "./niches.ts";

type Span = { min: number; max: number };
/** A niche's Product Finder ranges: BSR and NEW price (cents). */
type Box = { bsr: Span; price: Span };

const boxOf = (t: NicheTemplate): Box => ({ bsr: t.bsrRange, price: t.priceRangeCents });
const union = (a: Span, b: Span): Span => ({ min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) });
const contains = (outer: Span, inner: Span) => outer.min <= inner.min && inner.max <= outer.max;
const same = (a: Span, b: Span) => a.min === b.min && a.max === b.max;
/** Touching counts: ranks and cents are integers, so [a, b] and [b, c] leave no gap (nor do [a, b] and [b + 1, c]). */
const joined = (a: Span, b: Span) => a.min <= b.max + 1 && b.min <= a.max + 1;

/**
 * Whether one query over the widest ranges of `a` and `b` holds only products one of them wants: one box inside the
 * other, or the same range on one axis and joined ranges on the other. Wider boxes would buy products no niche shows
 * (e.g. the fast ranks of one niche at the other's prices), so those niches keep their own list.
 */
function mergeable(a: Box, b: Box): boolean {
  const nested = (o: Box, i: Box) => contains(o.bsr, i.bsr) && contains(o.price, i.price);
  if (nested(a, b) || nested(b, a)) return true;
  return (same(a.price, b.price) && joined(a.bsr, b.bsr)) || (same(a.bsr, b.bsr) && joined(a.price, b.price));
}

/** Niches whose Product Finder selections differ only in their ranges: same root, categories (as a set) and filters. */
const filtersKey = (t: NicheTemplate): string => `${t.rootCategoryId}:${[...t.categoryIds].sort((x, y) => x - y)}`;

type Cluster = { members: NicheTemplate[]; box: Box };

/** Greedy, in template order (deterministic): each niche joins the first list it can share, else starts one. */
function clusters(templates: readonly NicheTemplate[]): Cluster[] {
  const out: (Cluster & { key: string })[] = [];
  for (const t of templates) {
    const box = boxOf(t);
    const key = filtersKey(t);
    const home = out.find((c) => c.key === key && mergeable(c.box, box));
    if (!home) out.push({ key, members: [t], box });
    else {
      home.members.push(t);
      home.box = { bsr: union(home.box.bsr, box.bsr), price: union(home.box.price, box.price) };
    }
  }
  return out;
}

const CACHE = new WeakMap<readonly NicheTemplate[], Cluster[]>();
function clusterOf(template: NicheTemplate, templates: readonly NicheTemplate[]): Cluster {
  let all = CACHE.get(templates);
  if (!all) CACHE.set(templates, (all = clusters(templates)));
  return all.find((c) => c.members.some((m) => m.id === template.id)) ?? { members: [template], box: boxOf(template) };
}

/** The niches that share `template`'s Product Finder list (itself included), in template order. */
export function nicheListMembers(template: NicheTemplate, templates = NICHE_TEMPLATES): readonly NicheTemplate[] {
  return clusterOf(template, templates).members;
}

const inSpan = (value: number | null | undefined, span: Span) =>
  value !== null && value !== undefined && value >= span.min && value <= span.max;

/**
 * The part of a rank-sorted shared list where the niche's BSR range should sit, by log-interpolating its range in the
 * list's (ranks are about log-uniform over a page): the niche samples there instead of in its sibling's ranks. Only
 * an estimate; {@link SlotShare.accepts} is what decides.
 */
function partFor(own: Span, list: Span): SlotShare["part"] {
  const spread = Math.log(list.max / list.min);
  const at = (rank: number) => (spread > 0 ? Math.log(rank / list.min) / spread : 0);
  return (asins) => {
    const from = Math.max(0, Math.floor(at(own.min) * asins.length));
    const to = Math.min(asins.length, Math.ceil(at(own.max) * asins.length));
    return to > from ? asins.slice(from, to) : asins;
  };
}

/**
 * A niche's discovery slot (docs/economics.md#pages-from-the-cached-list): the Product Finder selection of the list
 * it shares with the niches of the same categories (the widest ranges, one page of 100 sorted by rank like any), and,
 * when its own ranges are narrower, the test each screened product must pass to be the niche's (its BSR and NEW price
 * ranges, the Product Finder filters the shared query widened).
 */
export function nicheSlot(template: NicheTemplate, templates = NICHE_TEMPLATES): SlotSpec {
  const { members, box } = clusterOf(template, templates);
  const categoryIds = members.length > 1 ? [...template.categoryIds].sort((x, y) => x - y) : template.categoryIds;
  const selection = finderSelection({ categoryIds, bsr: box.bsr, priceCents: box.price, perPage: DEFAULT_PER_PAGE });
  const own = boxOf(template);
  if (same(own.bsr, box.bsr) && same(own.price, box.price)) return { id: template.id, selection };
  const accepts = (p: NormalizedProduct) => inSpan(p.bsr?.rank, own.bsr) && inSpan(p.prices.new, own.price);
  return { id: template.id, selection, share: { part: partFor(own.bsr, box.bsr), accepts } };
}
