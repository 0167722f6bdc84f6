import { describe, expect, it } from "vitest";
import { DEFAULT_COSTS, SHARED_EAN, toKeepaMinutes } from "../../../dev/keepa-simulator/index.ts";
import { call, KEY, selection, startSim, useSim } from "./helpers.ts";

const sim = await useSim();

type Product = {
  asin: string;
  productType: number;
  offers: unknown[] | null;
  lastRatingUpdate?: number;
  lastUpdate: number;
};
const products = (body: Record<string, unknown>) => body.products as Product[];
const books = () =>
  sim.sim.catalogue.entries.filter((e) => e.productType === 0 && e.csvStyle === "full" && !e.offersFetchFails);

describe("per-endpoint token costs", () => {
  it("product: 1 per returned product, unknown ASIN is a productType 4 stub at 1, 0 with update=-1", async () => {
    const [a, b] = books();
    const { body } = await call(sim, "/product", {
      domain: 1,
      asin: `${a!.asin},${b!.asin},${sim.sim.catalogue.specials.unknownAsin}`,
    });
    expect(body.tokensConsumed).toBe(3);
    expect(products(body).map((p) => p.productType)).toEqual([0, 0, 4]);
    const missing = await call(sim, "/product", {
      domain: 1,
      asin: sim.sim.catalogue.specials.unknownAsin,
      update: -1,
    });
    expect(missing.body.tokensConsumed).toBe(0);
  });

  it("product offers: 6 per page of 10 offers found, 5 when none, 1 when retrieval fails; buybox ignored", async () => {
    const many = books().find((e) => e.countNew + e.countUsed >= 45 && e.newPrice > 0 && e.used > 0)!;
    const few = books().find(
      (e) => e.countNew + e.countUsed + (e.amazon > 0 ? 1 : 0) === 18 && e.newPrice > 0 && e.used > 0,
    )!;
    const r18 = await call(sim, "/product", { domain: 1, asin: few.asin, offers: 40 });
    expect(products(r18.body)[0]!.offers).toHaveLength(18);
    expect(r18.body.tokensConsumed).toBe(12);
    const r40 = await call(sim, "/product", { domain: 1, asin: many.asin, offers: 40, buybox: 1 });
    const found = products(r40.body)[0]!.offers!.length;
    expect(found).toBe(40);
    expect(r40.body.tokensConsumed).toBe(24);
    const r20 = await call(sim, "/product", { domain: 1, asin: many.asin, offers: 20 });
    expect(r20.body.tokensConsumed).toBe(12);
    const none = await call(sim, "/product", {
      domain: 1,
      asin: sim.sim.catalogue.specials.allPricesMissing,
      offers: 20,
    });
    expect(products(none.body)[0]!.offers).toEqual([]);
    expect(none.body.tokensConsumed).toBe(5);
    const fail = await call(sim, "/product", {
      domain: 1,
      asin: sim.sim.catalogue.specials.offersFetchFails,
      offers: 20,
    });
    expect(fail.body.tokensConsumed).toBe(1);
  });

  it("product add-ons: buybox +2, rating +1 only when fresh, update=0 +1 only when fresh", async () => {
    const nowMinute = toKeepaMinutes(sim.sim.now());
    const all = books();
    const freshRating = all.find(
      (e) => e.rating > 0 && nowMinute - e.lastRatingUpdate < 14 * 1440 && nowMinute - e.lastUpdate >= 60,
    )!;
    const staleRating = all.find(
      (e) => e.rating > 0 && nowMinute - e.lastRatingUpdate >= 14 * 1440 && nowMinute - e.lastUpdate >= 60,
    )!;
    const freshUpdate = all.find((e) => nowMinute - e.lastUpdate < 60)!;
    expect((await call(sim, "/product", { domain: 1, asin: staleRating.asin, buybox: 1 })).body.tokensConsumed).toBe(3);
    expect((await call(sim, "/product", { domain: 1, asin: freshRating.asin, rating: 1 })).body.tokensConsumed).toBe(2);
    expect((await call(sim, "/product", { domain: 1, asin: staleRating.asin, rating: 1 })).body.tokensConsumed).toBe(1);
    expect((await call(sim, "/product", { domain: 1, asin: freshUpdate.asin, update: 0 })).body.tokensConsumed).toBe(2);
    expect((await call(sim, "/product", { domain: 1, asin: staleRating.asin, update: 0 })).body.tokensConsumed).toBe(1);
  });

  it("product by code: one token per returned product, bounded by code-limit", async () => {
    const shared = await call(sim, "/product", { domain: 1, code: SHARED_EAN });
    expect(products(shared.body)).toHaveLength(sim.sim.catalogue.byCode(SHARED_EAN).length);
    expect(shared.body.tokensConsumed).toBe(products(shared.body).length);
    const limited = await call(sim, "/product", { domain: 1, code: SHARED_EAN, "code-limit": 10 });
    expect(limited.body.tokensConsumed).toBe(10);
    const single = await call(sim, "/product", { domain: 1, code: sim.sim.catalogue.specials.singleEan });
    expect(single.body.tokensConsumed).toBe(1);
    const none = await call(sim, "/product", { domain: 1, code: "9789999999991" });
    expect(none.body).toMatchObject({ tokensConsumed: 0, products: [] });
  });

  it("query: 10 + 1 per 100 ASINs returned, +30 with stats=1", async () => {
    const sel = { rootCategory: 283155, perPage: 150, page: 0 };
    const q = await call(sim, "/query", { domain: 1, selection: selection(sel) });
    expect((q.body.asinList as string[]).length).toBe(150);
    expect(q.body.tokensConsumed).toBe(12);
    const posted = await fetch(`${sim.url}/query?key=${KEY}&domain=1`, { method: "POST", body: selection(sel) });
    expect(((await posted.json()) as { asinList: string[] }).asinList).toEqual(q.body.asinList);
    const empty = await call(sim, "/query", {
      domain: 1,
      selection: selection({ rootCategory: 283155, current_SALES_lte: 0 }),
    });
    expect(empty.body).toMatchObject({ tokensConsumed: 10, asinList: [], totalResults: 0 });
    const stats = await call(sim, "/query", {
      domain: 1,
      stats: 1,
      selection: selection({ rootCategory: 283155, perPage: 50 }),
    });
    expect(stats.body.tokensConsumed).toBe(41);
  });

  it("bestsellers 50 (0 without a list), category 1, category search 1, product search 10/page, deal 5", async () => {
    expect((await call(sim, "/bestsellers", { domain: 1, category: 4736 })).body.tokensConsumed).toBe(50);
    const none = await call(sim, "/bestsellers", { domain: 1, category: 999_999 });
    expect(none.body).toMatchObject({ tokensConsumed: 0, bestSellersList: null });
    expect(
      (await call(sim, "/category", { domain: 1, category: "283155,4736,3508", parents: 1 })).body.tokensConsumed,
    ).toBe(1);
    expect((await call(sim, "/search", { domain: 1, type: "category", term: "science" })).body.tokensConsumed).toBe(1);
    const search = await call(sim, "/search", { domain: 1, type: "product", term: "edition", page: 0 });
    expect((search.body.products as unknown[]).length).toBe(10);
    expect(search.body.tokensConsumed).toBe(10);
    const deal = await call(sim, "/deal", { selection: selection({ domainId: 1, priceTypes: [1], page: 0 }) });
    expect(deal.body.tokensConsumed).toBe(5);
    expect(sim.sim.state().consumed).toBe(50 + 1 + 1 + 10 + 5);
  });

  it("the cost table is data that options can override", async () => {
    expect(DEFAULT_COSTS.bestsellers).toBe(50);
    const custom = await startSim({ costs: { bestsellers: 7, product: { base: 2 } } });
    try {
      expect((await call(custom, "/bestsellers", { domain: 1, category: 283155 })).body.tokensConsumed).toBe(7);
      const asin = custom.sim.catalogue.specials.amazonPresent;
      expect((await call(custom, "/product", { domain: 1, asin })).body.tokensConsumed).toBe(2);
      expect(DEFAULT_COSTS.product.base).toBe(1);
    } finally {
      await custom.close();
    }
  });
});
