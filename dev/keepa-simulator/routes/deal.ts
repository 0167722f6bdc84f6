// GET|POST /deal — 5 tokens per request, up to 150 deals per page.
import type { Catalogue } from "../catalogue.ts";
import { categoryById } from "../categories.ts";
import type { CatalogueEntry } from "../entry.ts";
import { generateHistory } from "../history.ts";
import { MINUTES_PER_DAY, toKeepaMinutes } from "../keepa-time.ts";
import { parseSelection, toInt, ValidationError, VALID_DOMAINS } from "../params.ts";
import { hashParts } from "../random.ts";
import { pointsOf, windowStats } from "../series.ts";
import type { Route } from "./types.ts";

const PAGE_SIZE = 150;
const AVG_WINDOWS_DAYS = [1, 7, 30, 90];

type DealQuery = {
  page: number;
  domainId: number;
  priceType: number;
  include: number[] | null;
  exclude: number[] | null;
};

function parseDeal(selection: Record<string, unknown>): DealQuery {
  const domainId = toInt(selection.domainId, "domainId", { min: 1, max: 12 });
  if (!VALID_DOMAINS.has(domainId)) throw new ValidationError("The queryJSON is of invalid format.", "domainId");
  const types = selection.priceTypes;
  if (!Array.isArray(types) || types.length !== 1)
    throw new ValidationError("The queryJSON is of invalid format.", "priceTypes");
  if (
    selection.dateRange !== undefined &&
    (typeof selection.dateRange !== "number" || ![0, 1, 2, 3].includes(selection.dateRange))
  ) {
    throw new ValidationError("The queryJSON is of invalid format.", "dateRange");
  }
  const ids = (raw: unknown, name: string) =>
    Array.isArray(raw) ? raw.map((v) => toInt(v, name, { min: 0, max: Number.MAX_SAFE_INTEGER })) : null;
  return {
    page: selection.page === undefined ? 0 : toInt(selection.page, "page", { min: 0, max: 66 }),
    domainId,
    priceType: toInt(types[0], "priceTypes", { min: 0, max: 35 }),
    include: ids(selection.includeCategories, "includeCategories"),
    exclude: ids(selection.excludeCategories, "excludeCategories"),
  };
}

function isDealCandidate(catalogue: Catalogue, e: CatalogueEntry, q: DealQuery): boolean {
  if (e.productType !== 0 || e.salesRank <= 0) return false;
  if (q.include && !q.include.some((c) => e.categoryPath.includes(c))) return false;
  if (q.exclude && q.exclude.some((c) => e.categoryPath.includes(c))) return false;
  return hashParts(catalogue.seed, e.asin, "deal") % 5 === 0;
}

function dealObject(catalogue: Catalogue, e: CatalogueEntry, nowMinute: number): Record<string, unknown> {
  const { csv } = generateHistory(catalogue, e);
  const rows = AVG_WINDOWS_DAYS.map((days) =>
    csv.map((s, i) => (s ? windowStats(pointsOf(s, i), nowMinute - days * MINUTES_PER_DAY, nowMinute).avg : -1)),
  );
  const current = csv.map((s, i) => {
    const points = s ? pointsOf(s, i) : [];
    return points[points.length - 1]?.v ?? -1;
  });
  const delta = rows.map((row) =>
    row.map((avg, i) => (avg > 0 && (current[i] ?? -1) >= 0 ? (current[i] ?? 0) - avg : 0)),
  );
  const deltaPercent = rows.map((row, r) =>
    row.map((avg, i) => (avg > 0 ? Math.round(((delta[r]?.[i] ?? 0) / avg) * 100) : 0)),
  );
  return {
    asin: e.asin,
    parentAsin: e.parentAsin,
    title: e.title,
    rootCat: e.rootCategory,
    categories: [e.leafCategory],
    image: null,
    current,
    avg: rows,
    delta,
    deltaPercent,
    creationDate: e.lastPriceChange,
    lastUpdate: e.lastUpdate,
  };
}

export const dealRoute: Route = {
  name: "deal",
  methods: ["GET", "POST"],
  prepare(params, body) {
    const query = parseDeal(parseSelection(params, body));
    return {
      latencyKey: "deal",
      run(ctx) {
        const all = ctx.catalogue.entries.filter((e) => isDealCandidate(ctx.catalogue, e, query) && e.newPrice > 0);
        const pageItems = all.slice(query.page * PAGE_SIZE, (query.page + 1) * PAGE_SIZE);
        const nowMinute = toKeepaMinutes(ctx.nowMs);
        const counts = new Map<number, number>();
        for (const e of all) counts.set(e.leafCategory, (counts.get(e.leafCategory) ?? 0) + 1);
        const categoryIds = [...counts.keys()];
        const deals = {
          dr: pageItems.map((e) => dealObject(ctx.catalogue, e, nowMinute)),
          categoryIds,
          categoryNames: categoryIds.map((id) => categoryById(id)?.name ?? "?"),
          categoryCount: categoryIds.map((id) => counts.get(id) ?? 0),
        };
        return { payload: { deals }, cost: ctx.costs.deal };
      },
    };
  },
};
