// GET|POST /query — Product Finder over the catalogue summaries. Cost 10 + 1 per 100 ASINs returned.
import { byRankThenAsin } from "../catalogue.ts";
import type { CatalogueEntry } from "../entry.ts";
import { parseDomain, parseSelection, toInt, ValidationError, flag } from "../params.ts";
import type { Route, RouteContext } from "./types.ts";

const NUMERIC_FIELDS: Record<string, (e: CatalogueEntry) => number> = {
  current_AMAZON: (e) => e.amazon,
  current_NEW: (e) => e.newPrice,
  current_USED: (e) => e.used,
  current_SALES: (e) => e.salesRank,
  current_LISTPRICE: (e) => e.listPrice,
  current_NEW_FBA: (e) => e.newFba,
  current_COUNT_NEW: (e) => (e.productType === 0 ? e.countNew : -1),
  current_COUNT_USED: (e) => (e.productType === 0 ? e.countUsed : -1),
  current_COUNT_NEW_FBA: (e) => (e.productType === 0 ? e.countNewFba : -1),
  current_COUNT_NEW_FBM: (e) => (e.productType === 0 ? e.countNew - e.countNewFba : -1),
  current_RATING: (e) => e.rating,
  current_COUNT_REVIEWS: (e) => e.reviews,
  monthlySold: (e) => (e.monthlySold > 0 ? e.monthlySold : -1),
  packageWeight: (e) => (e.packageWeight > 0 ? e.packageWeight : -1),
};

const STRUCTURAL_KEYS = new Set([
  "page",
  "perPage",
  "sort",
  "rootCategory",
  "categories_include",
  "categories_exclude",
  "productType",
  "domainId",
  "isAdultProduct",
]);
const MAX_RESULTS = 10_000;

type Bound = { field: string; op: "gte" | "lte"; value: number };
type SortKey = { field: string; desc: boolean };
type Finder = {
  page: number;
  perPage: number;
  bounds: Bound[];
  sort: SortKey[];
  roots: number[] | null;
  include: number[] | null;
  exclude: number[] | null;
  productTypes: number[];
};

const idList = (raw: unknown, name: string): number[] | null => {
  if (raw === undefined || raw === null) return null;
  const values = Array.isArray(raw) ? raw : [raw];
  return values.map((v) => toInt(v, name, { min: 0, max: Number.MAX_SAFE_INTEGER }));
};

function parseSort(raw: unknown): SortKey[] {
  if (raw === undefined) return [{ field: "current_SALES", desc: false }];
  const pairs = Array.isArray(raw) && typeof raw[0] === "string" ? [raw] : raw;
  if (!Array.isArray(pairs) || pairs.length > 3)
    throw new ValidationError("The queryJSON is of invalid format.", "sort");
  return pairs.map((pair: unknown) => {
    if (
      !Array.isArray(pair) ||
      typeof pair[0] !== "string" ||
      !(pair[0] in NUMERIC_FIELDS) ||
      !["asc", "desc"].includes(String(pair[1]))
    ) {
      throw new ValidationError("The queryJSON is of invalid format.", "sort");
    }
    return { field: pair[0], desc: pair[1] === "desc" };
  });
}

function parseBounds(selection: Record<string, unknown>): Bound[] {
  const bounds: Bound[] = [];
  for (const [key, raw] of Object.entries(selection)) {
    if (STRUCTURAL_KEYS.has(key)) continue;
    const match = /^(.+)_(gte|lte)$/.exec(key);
    if (!match || !(match[1]! in NUMERIC_FIELDS)) throw new ValidationError("The queryJSON is of invalid format.", key);
    bounds.push({
      field: match[1]!,
      op: match[2] as "gte" | "lte",
      value: toInt(raw, key, { min: -1, max: Number.MAX_SAFE_INTEGER }),
    });
  }
  return bounds;
}

export function parseFinder(selection: Record<string, unknown>): Finder {
  const page = selection.page === undefined ? 0 : toInt(selection.page, "page", { min: 0, max: MAX_RESULTS });
  const perPage =
    selection.perPage === undefined ? 50 : toInt(selection.perPage, "perPage", { min: 0, max: MAX_RESULTS });
  if (perPage < 50) throw new ValidationError("perPage must be at least 50.", "perPage");
  if (page * perPage > MAX_RESULTS) throw new ValidationError("page * perPage must not exceed 10000.", "page");
  if (selection.isAdultProduct !== undefined && typeof selection.isAdultProduct !== "boolean") {
    throw new ValidationError("The queryJSON is of invalid format.", "isAdultProduct");
  }
  return {
    page,
    perPage,
    bounds: parseBounds(selection),
    sort: parseSort(selection.sort),
    roots: idList(selection.rootCategory, "rootCategory"),
    include: idList(selection.categories_include, "categories_include"),
    exclude: idList(selection.categories_exclude, "categories_exclude"),
    productTypes: idList(selection.productType, "productType") ?? [0, 1, 2],
  };
}

/** A missing value (−1) only satisfies a bound that is itself negative, e.g. current_AMAZON_lte: -1. */
function matchesBound(e: CatalogueEntry, b: Bound): boolean {
  const v = NUMERIC_FIELDS[b.field]!(e);
  if (v < 0 && b.value >= 0) return false;
  return b.op === "gte" ? v >= b.value : v <= b.value;
}

function matches(e: CatalogueEntry, f: Finder): boolean {
  if (!f.productTypes.includes(e.productType)) return false;
  if (f.roots && !f.roots.includes(e.rootCategory)) return false;
  if (f.include && !f.include.some((c) => e.categoryPath.includes(c))) return false;
  if (f.exclude && f.exclude.some((c) => e.categoryPath.includes(c))) return false;
  return f.bounds.every((b) => matchesBound(e, b));
}

function compare(sort: SortKey[]) {
  return (a: CatalogueEntry, b: CatalogueEntry): number => {
    for (const key of sort) {
      const va = NUMERIC_FIELDS[key.field]!(a);
      const vb = NUMERIC_FIELDS[key.field]!(b);
      if (va === vb) continue;
      if (va < 0 || vb < 0) return va < 0 ? 1 : -1;
      return key.desc ? vb - va : va - vb;
    }
    return byRankThenAsin(a, b);
  };
}

export function runFinder(ctx: RouteContext, f: Finder): { asinList: string[]; totalResults: number } {
  const all = ctx.catalogue.entries.filter((e) => matches(e, f)).sort(compare(f.sort));
  const start = f.page * f.perPage;
  return {
    asinList: all.slice(start, Math.min(start + f.perPage, MAX_RESULTS)).map((e) => e.asin),
    totalResults: all.length,
  };
}

export const queryRoute: Route = {
  name: "query",
  methods: ["GET", "POST"],
  prepare(params, body) {
    parseDomain(params);
    const finder = parseFinder(parseSelection(params, body));
    const withStats = flag(params, "stats");
    return {
      latencyKey: "query",
      run(ctx) {
        const { asinList, totalResults } = runFinder(ctx, finder);
        const c = ctx.costs.query;
        let cost = c.base + c.perHundredAsins * Math.ceil(asinList.length / 100);
        if (withStats) cost += c.stats + c.statsPerMillion * Math.floor(totalResults / 1_000_000);
        const payload: Record<string, unknown> = { asinList, totalResults };
        if (withStats) payload.searchInsights = { totalResults };
        return { payload, cost };
      },
    };
  },
};
