// GET /search — type=category (1 token) and type=product (10 tokens per result page of 10).
import { toKeepaMinutes, MINUTES_PER_DAY } from "../keepa-time.ts";
import { flag, optionalInt, parseDomain, parseTerm, ValidationError } from "../params.ts";
import { buildProduct, isFreshUpdate, isRatingFresh, type ProductOptions } from "../product.ts";
import { searchCategories } from "./category.ts";
import type { Route } from "./types.ts";

export const searchRoute: Route = {
  name: "search",
  methods: ["GET"],
  prepare(params) {
    const domainId = parseDomain(params);
    const type = params.get("type");
    if (type !== "category" && type !== "product")
      throw new ValidationError("type must be product or category.", "type");
    const words = parseTerm(params);
    if (type === "category") {
      return {
        latencyKey: "search",
        run: (ctx) => ({
          payload: { categories: searchCategories(ctx.catalogue, words, domainId) },
          cost: ctx.costs.searchCategory,
        }),
      };
    }
    const page = optionalInt(params, "page", { min: 0, max: 9 });
    const asinsOnly = flag(params, "asins-only");
    const statsDays = optionalInt(params, "stats", { min: 0, max: 100_000 });
    const base = { domainId, history: flag(params, "history", true), rating: flag(params, "rating") };
    const update = optionalInt(params, "update", { min: -1, max: 1_000_000 });
    return {
      latencyKey: "search",
      run(ctx) {
        const found = ctx.catalogue.entries.filter(
          (e) => e.title !== null && words.every((w) => e.title!.toLowerCase().includes(w)),
        );
        found.sort(
          (a, b) =>
            (a.salesRank > 0 ? a.salesRank : 1e12) - (b.salesRank > 0 ? b.salesRank : 1e12) ||
            (a.asin < b.asin ? -1 : 1),
        );
        const results = page === null ? found.slice(0, 40) : found.slice(page * 10, page * 10 + 10);
        const pages = Math.max(1, Math.ceil(results.length / 10));
        let cost = ctx.costs.searchProductPerPage * pages;
        if (asinsOnly) return { payload: { asinList: results.map((e) => e.asin) }, cost };
        const nowMinute = toKeepaMinutes(ctx.nowMs);
        const opts: ProductOptions = {
          ...base,
          nowMinute,
          stats: statsDays ? { from: nowMinute - statsDays * MINUTES_PER_DAY, to: nowMinute } : null,
          days: null,
          offers: null,
          onlyLiveOffers: false,
          buybox: false,
          update,
          stock: false,
          historicalVariations: false,
        };
        // Search charges per page; update=0 adds 1 per fresh product, rating up to a per-search maximum.
        const products = results.map((e) => buildProduct(ctx.catalogue, e, opts, ctx.costs).product);
        if (update === 0)
          cost += results.filter((e) => isFreshUpdate(e, nowMinute)).length * ctx.costs.product.update0IfFresh;
        if (base.rating)
          cost += Math.min(ctx.costs.searchRatingMax, results.filter((e) => isRatingFresh(e, nowMinute)).length);
        return { payload: { products }, cost };
      },
    };
  },
};
