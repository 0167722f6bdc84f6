// Deterministic catalogue: the same (seed, size, anchor) always yields the same products.
import { BOOKS_ROOT, KINDLE_EBOOKS, KINDLE_ROOT, pathTo } from "./categories.ts";
import { type CatalogueEntry, drawSalesRank, makeBook } from "./entry.ts";
import { ean13CheckDigit, randomBAsin } from "./identifiers.ts";
import { findMarketSpecials, type MarketSpecials } from "./market-specials.ts";
import { intBetween, mulberry32, hashParts, type Rng } from "./random.ts";

export const DEFAULT_CATALOGUE_SIZE = 8000;

/** One EAN shared by 50 books, to exercise `code-limit` costs (docs/keepa-simulator.md#deterministic-catalogue). */
export const SHARED_EAN = "978000000000" + ean13CheckDigit("978000000000");
export const SHARED_EAN_COUNT = 50;

export type CatalogueSpecials = MarketSpecials & {
  ebook: string;
  unaccessible: string;
  variationParent: string;
  variationChildren: string[];
  noSalesRank: string;
  allPricesMissing: string;
  shortCsv: string;
  amazonPresent: string;
  offersFetchFails: string;
  sharedEan: string;
  singleEan: string;
  /** A syntactically valid ASIN that is not in the catalogue (Keepa answers with a productType 4 stub). */
  unknownAsin: string;
};

export class Catalogue {
  readonly entries: CatalogueEntry[];
  readonly specials: CatalogueSpecials;
  private readonly byAsin = new Map<string, CatalogueEntry>();
  private readonly byEan = new Map<string, CatalogueEntry[]>();
  private readonly members = new Map<number, CatalogueEntry[]>();

  constructor(
    readonly seed: number,
    size: number,
    readonly anchorMinute: number,
  ) {
    if (!Number.isInteger(size) || size < 100) throw new Error(`catalogueSize must be an integer >= 100, got ${size}`);
    const rng = mulberry32(hashParts("catalogue", seed));
    this.entries = buildEntries(rng, size, anchorMinute);
    for (const entry of this.entries) this.index(entry);
    assignSubRanks(this.entries);
    this.specials = { ...findSpecials(this.entries, this.byAsin), ...findMarketSpecials(seed, this.entries) };
  }

  get(asin: string): CatalogueEntry | undefined {
    return this.byAsin.get(asin);
  }

  byCode(code: string): CatalogueEntry[] {
    return this.byEan.get(code) ?? [];
  }

  /** Products whose category path contains `catId`, ordered best sales rank first (no-rank last). */
  membersOf(catId: number): CatalogueEntry[] {
    const cached = this.members.get(catId);
    if (cached) return cached;
    const list = this.entries.filter((e) => e.categoryPath.includes(catId)).sort(byRankThenAsin);
    this.members.set(catId, list);
    return list;
  }

  private index(entry: CatalogueEntry): void {
    this.byAsin.set(entry.asin, entry);
    for (const ean of entry.eanList ?? []) {
      const list = this.byEan.get(ean) ?? [];
      list.push(entry);
      this.byEan.set(ean, list);
    }
  }
}

export function byRankThenAsin(a: CatalogueEntry, b: CatalogueEntry): number {
  const ra = a.salesRank > 0 ? a.salesRank : Number.MAX_SAFE_INTEGER;
  const rb = b.salesRank > 0 ? b.salesRank : Number.MAX_SAFE_INTEGER;
  return ra - rb || (a.asin < b.asin ? -1 : a.asin > b.asin ? 1 : 0);
}

function buildEntries(rng: Rng, size: number, anchorMinute: number): CatalogueEntry[] {
  const used = new Set<string>();
  const ebooks = Math.max(2, Math.round(size * 0.02));
  const parents = 5;
  const unaccessible = 2;
  const books: CatalogueEntry[] = [];
  for (let i = 0; i < size - ebooks - parents - unaccessible; i++) books.push(makeBook(rng, i, anchorMinute, used));
  markAllPricesMissing(books, Math.max(2, Math.round(size * 0.005)));
  for (let i = 0; i < SHARED_EAN_COUNT && i * 37 + 11 < books.length; i++)
    books[i * 37 + 11]?.eanList?.push(SHARED_EAN);
  const extras: CatalogueEntry[] = [];
  for (let i = 0; i < ebooks; i++) extras.push(makeEbook(rng, books[i * 7 + 3] ?? books[0]!, used));
  for (let i = 0; i < parents; i++) extras.push(makeParent(rng, books.slice(100 + i * 3, 103 + i * 3), used));
  for (let i = 0; i < unaccessible; i++) extras.push(makeUnaccessible(rng, books[i]!, used));
  return [...books, ...extras];
}

function markAllPricesMissing(books: CatalogueEntry[], count: number): void {
  for (let i = 0; i < count; i++) {
    const entry = books[i * 53 + 29];
    if (!entry) return;
    Object.assign(entry, {
      csvStyle: "allPricesMissing",
      amazon: -1,
      newPrice: -1,
      used: -1,
      newFba: -1,
      listPrice: -1,
    });
    Object.assign(entry, { countNew: 0, countUsed: 0, countNewFba: 0, availabilityAmazon: -1, monthlySold: 0 });
  }
}

function uniqueBAsin(rng: Rng, used: Set<string>): string {
  let asin = randomBAsin(rng);
  while (used.has(asin)) asin = randomBAsin(rng);
  used.add(asin);
  return asin;
}

function makeEbook(rng: Rng, template: CatalogueEntry, used: Set<string>): CatalogueEntry {
  const price = intBetween(rng, 2, 14) * 100 + 99;
  return {
    ...template,
    asin: uniqueBAsin(rng, used),
    productType: 2,
    binding: "Kindle Edition",
    eanList: null,
    rootCategory: KINDLE_ROOT,
    leafCategory: KINDLE_EBOOKS,
    categoryPath: pathTo(KINDLE_EBOOKS),
    salesRank: drawSalesRank(rng),
    amazon: price,
    newPrice: -1,
    used: -1,
    newFba: -1,
    listPrice: -1,
    countNew: 0,
    countUsed: 0,
    countNewFba: 0,
    availabilityAmazon: 0,
    packageWeight: 0,
    packageDims: [0, 0, 0],
  };
}

function makeParent(rng: Rng, children: CatalogueEntry[], used: Set<string>): CatalogueEntry {
  const first = children[0];
  if (!first) throw new Error("variation parent needs children");
  const asin = uniqueBAsin(rng, used);
  for (const child of children) child.parentAsin = asin;
  return {
    ...first,
    asin,
    productType: 5,
    eanList: null,
    variationAsins: children.map((c) => c.asin),
    salesRank: -1,
    amazon: -1,
    newPrice: -1,
    used: -1,
    newFba: -1,
    listPrice: -1,
    countNew: 0,
    countUsed: 0,
    countNewFba: 0,
    availabilityAmazon: -1,
    monthlySold: 0,
    rating: -1,
    reviews: -1,
  };
}

function makeUnaccessible(rng: Rng, template: CatalogueEntry, used: Set<string>): CatalogueEntry {
  return {
    ...template,
    asin: uniqueBAsin(rng, used),
    productType: 3,
    title: null,
    author: null,
    publisher: null,
    binding: null,
    eanList: null,
    rootCategory: BOOKS_ROOT,
    salesRank: -1,
    rating: -1,
    reviews: -1,
    monthlySold: 0,
  };
}

function assignSubRanks(entries: CatalogueEntry[]): void {
  const byLeaf = new Map<number, CatalogueEntry[]>();
  for (const e of entries) {
    if (e.salesRank <= 0 || e.productType !== 0) continue;
    const list = byLeaf.get(e.leafCategory) ?? [];
    list.push(e);
    byLeaf.set(e.leafCategory, list);
  }
  for (const list of byLeaf.values()) list.sort(byRankThenAsin).forEach((e, i) => (e.subRank = i + 1));
}

function findSpecials(
  entries: CatalogueEntry[],
  byAsin: Map<string, CatalogueEntry>,
): Omit<CatalogueSpecials, keyof MarketSpecials> {
  const first = (p: (e: CatalogueEntry) => boolean, what: string): CatalogueEntry => {
    const found = entries.find(p);
    if (!found) throw new Error(`catalogue has no ${what}; increase catalogueSize`);
    return found;
  };
  const parent = first((e) => e.productType === 5, "variation parent");
  const single = first((e) => e.productType === 0 && e.eanList?.length === 1, "single-EAN book");
  let unknown = "0000000000";
  for (let n = 1; byAsin.has(unknown); n++) unknown = String(n).padStart(10, "0");
  return {
    ebook: first((e) => e.productType === 2, "eBook").asin,
    unaccessible: first((e) => e.productType === 3, "productType 3").asin,
    variationParent: parent.asin,
    variationChildren: parent.variationAsins ?? [],
    noSalesRank: first((e) => e.productType === 0 && e.salesRank === -1 && e.csvStyle === "full", "book without BSR")
      .asin,
    allPricesMissing: first((e) => e.csvStyle === "allPricesMissing", "book without prices").asin,
    shortCsv: first((e) => e.productType === 0 && e.csvStyle === "short", "short csv").asin,
    amazonPresent: first((e) => e.productType === 0 && e.amazon > 0 && e.salesRank > 0, "Amazon listing").asin,
    offersFetchFails: first((e) => e.productType === 0 && e.offersFetchFails, "offers failure").asin,
    sharedEan: SHARED_EAN,
    singleEan: single.eanList?.[0] ?? "",
    unknownAsin: unknown,
  };
}
