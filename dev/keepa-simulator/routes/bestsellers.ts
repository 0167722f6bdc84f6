// GET /bestsellers — 50 tokens for a list, 0 when no list exists; ASINs sorted by current sales rank.
import { BOOKS_ROOT, categoryById, KINDLE_ROOT } from "../categories.ts";
import { toKeepaMinutes } from "../keepa-time.ts";
import { flag, optionalInt, parseDomain, ValidationError } from "../params.ts";
import type { Route } from "./types.ts";

const PRODUCT_GROUPS: Record<string, number> = { book: BOOKS_ROOT, books: BOOKS_ROOT, ebooks: KINDLE_ROOT };
const RANGES = new Set([0, 30, 90, 180]);

export const bestsellersRoute: Route = {
  name: "bestsellers",
  methods: ["GET"],
  prepare(params) {
    const domainId = parseDomain(params, { brazilAllowed: false });
    const raw = params.get("category");
    if (!raw) throw new ValidationError("Missing category parameter.", "category");
    const categoryId = /^\d+$/.test(raw) ? Number(raw) : (PRODUCT_GROUPS[raw.toLowerCase()] ?? -1);
    const range = optionalInt(params, "range", { min: 0, max: 1_000 }) ?? 0;
    if (!RANGES.has(range)) throw new ValidationError("range must be one of 0, 30, 90, 180.", "range");
    optionalInt(params, "month", { min: 1, max: 12 });
    optionalInt(params, "year", { min: 2000, max: 2100 });
    flag(params, "variations");
    flag(params, "sublist");
    return {
      latencyKey: "bestsellers",
      run(ctx) {
        const node = categoryById(categoryId);
        const ranked = node
          ? ctx.catalogue.membersOf(categoryId).filter((e) => e.productType !== 5 && e.salesRank > 0)
          : [];
        if (ranked.length === 0) return { payload: { bestSellersList: null }, cost: ctx.costs.bestsellersNoList };
        const limit = node?.parent === 0 ? 500_000 : 10_000;
        const bestSellersList = {
          domainId,
          lastUpdate: toKeepaMinutes(ctx.nowMs) - (toKeepaMinutes(ctx.nowMs) % 60),
          categoryId,
          asinList: ranked.slice(0, limit).map((e) => e.asin),
        };
        return { payload: { bestSellersList }, cost: ctx.costs.bestsellers };
      },
    };
  },
};
