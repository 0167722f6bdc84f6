import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../dev/keepa-simulator/index.ts";
import { fromKeepaMinutes } from "../../../dev/keepa-simulator/index.ts";
import { call, KEY, selection, startSim } from "./helpers.ts";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ catalogueSize: 3000 });
});
afterAll(async () => {
  await sim.close();
});

type P = Record<string, unknown> & {
  asin: string;
  csv: (number[] | null)[];
  stats: Record<string, unknown>;
  salesRanks: Record<string, number[]> | null;
};
const one = async (asin: string, extra: Record<string, string | number> = {}): Promise<P> => {
  sim.sim.reset();
  const { body } = await call(sim, "/product", { domain: 1, asin, stats: 180, ...extra });
  return (body.products as P[])[0]!;
};
const last = (series: number[] | null | undefined, stride = 2) =>
  series && series.length ? series[series.length - stride + 1] : undefined;

const TEMPLATE_CATEGORIES = [
  283155, 1000, 2, 3, 4, 5, 6, 17, 18, 23, 75, 3508, 3839, 3654, 4736, 11748, 10677, 10188, 5267, 2766, 2767, 13912,
  13884, 173514, 227613, 10777, 10927, 13611, 13887, 11232, 15371,
];

async function schedule(s: RunningSimulator): Promise<string[]> {
  const paths = [
    `/product?key=${KEY}&domain=1&asin=${s.sim.catalogue.entries
      .slice(0, 5)
      .map((e) => e.asin)
      .join(",")}&stats=90&offers=20&rating=1`,
    `/query?key=${KEY}&domain=1&selection=` +
      encodeURIComponent(selection({ rootCategory: 283155, current_SALES_gte: 10000, current_SALES_lte: 80000 })),
    `/bestsellers?key=${KEY}&domain=1&category=3508`,
    `/token?key=${KEY}`,
  ];
  const out: string[] = [];
  for (const p of paths) {
    out.push(await (await fetch(s.url + p)).text());
    s.sim.advance(20_000);
  }
  return out;
}

describe("deterministic catalogue", () => {
  it("same seed and schedule under a manual clock give byte-identical responses; another seed differs", async () => {
    const a = await startSim({ latencyMs: { product: 2, query: 1 } });
    const b = await startSim({ latencyMs: { product: 2, query: 1 } });
    const c = await startSim({ seed: 2 });
    try {
      const [ra, rb, rc] = [await schedule(a), await schedule(b), await schedule(c)];
      expect(ra).toEqual(rb);
      expect(ra[0]!.length).toBeGreaterThan(10_000);
      expect(rc[0]).not.toEqual(ra[0]);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it("holds thousands of books with ISBN-10 ASINs, EANs, and every niche-template category", async () => {
    const cat = sim.sim.catalogue;
    expect(cat.entries).toHaveLength(3000);
    const books = cat.entries.filter((e) => e.productType === 0);
    expect(books.length).toBeGreaterThan(2900);
    for (const e of books.slice(0, 200)) {
      expect(e.asin).toMatch(/^\d{9}[\dX]$/);
      expect(e.eanList?.[0]).toBe(`978${e.asin.slice(0, 9)}${e.eanList![0]!.slice(12)}`);
    }
    const { body } = await call(sim, "/category", { domain: 1, category: TEMPLATE_CATEGORIES.slice(0, 10).join(",") });
    expect(Object.keys(body.categories as object)).toHaveLength(10);
    for (const id of TEMPLATE_CATEGORIES) expect(cat.membersOf(id).length, `category ${id}`).toBeGreaterThan(40);
  });

  it("query pagination is consistent with totalResults and sorted by current sales rank", async () => {
    const sel = {
      rootCategory: 283155,
      categories_include: [4736],
      current_SALES_gte: 10000,
      current_SALES_lte: 70000,
      current_NEW_gte: 1500,
      current_NEW_lte: 4000,
    };
    const pages: string[] = [];
    let total = -1;
    for (let page = 0; page < 10; page++) {
      const { body } = await call(sim, "/query", { domain: 1, selection: selection({ ...sel, page, perPage: 50 }) });
      if (total === -1) total = body.totalResults as number;
      expect(body.totalResults).toBe(total);
      pages.push(...(body.asinList as string[]));
      if ((body.asinList as string[]).length < 50) break;
    }
    expect(total).toBeGreaterThan(10);
    expect(pages).toHaveLength(total);
    expect(new Set(pages).size).toBe(total);
    const entries = pages.map((a) => sim.sim.catalogue.get(a)!);
    for (const e of entries) {
      expect(e.categoryPath).toContain(4736);
      expect(e.salesRank).toBeGreaterThanOrEqual(10000);
      expect(e.newPrice).toBeLessThanOrEqual(4000);
    }
    const ranks = entries.map((e) => e.salesRank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    const sub = await call(sim, "/query", { domain: 1, selection: selection({ rootCategory: 4736 }) });
    expect(sub.body.totalResults).toBe(0);
  });

  it("bestsellers lists are sorted by current sales rank, as seen through /product", async () => {
    sim.sim.reset();
    const { body } = await call(sim, "/bestsellers", { domain: 1, category: 3508 });
    const list = (body.bestSellersList as { categoryId: number; asinList: string[] }).asinList;
    expect((body.bestSellersList as { categoryId: number }).categoryId).toBe(3508);
    expect(list.length).toBe(sim.sim.catalogue.membersOf(3508).filter((e) => e.salesRank > 0).length);
    const { body: pb } = await call(sim, "/product", { domain: 1, asin: list.slice(0, 20).join(","), stats: 30 });
    const subRanks = (pb.products as P[]).map((p) => last(p.salesRanks?.["3508"]));
    expect(subRanks).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const rootRanks = (pb.products as P[]).map((p) => (p.stats.current as number[])[3]!);
    expect(rootRanks).toEqual([...rootRanks].sort((x, y) => x - y));
  });

  it("stats are computed from csv: current equals the last csv value and drops count rank decreases", async () => {
    const e = sim.sim.catalogue.entries.find(
      (x) => x.productType === 0 && x.amazon > 0 && x.used > 0 && x.salesRank > 0 && x.csvStyle === "full",
    )!;
    const p = await one(e.asin);
    const current = p.stats.current as number[];
    expect(p.csv).toHaveLength(36);
    expect(current).toHaveLength(36);
    expect([current[0], current[1], current[2], current[3]]).toEqual([e.amazon, e.newPrice, e.used, e.salesRank]);
    expect([last(p.csv[0]), last(p.csv[1]), last(p.csv[2]), last(p.csv[3])]).toEqual([
      e.amazon,
      e.newPrice,
      e.used,
      e.salesRank,
    ]);
    const sales = p.csv[3]!;
    const nowMinute = Math.floor(sim.sim.now() / 60_000) - 21_564_000;
    let drops = 0;
    for (let i = 3; i < sales.length; i += 2)
      if (sales[i - 1]! >= nowMinute - 30 * 1440 && sales[i]! < sales[i - 2]!) drops++;
    expect(p.stats.salesRankDrops30).toBe(drops);
    expect(p.csv[16]).toBeNull();
    expect(p.csv[18]).toBeNull();
    expect(p.stats.buyBoxPrice).toBe(-2);
    expect(p.stats.offerCountFBA).toBe(-2);
    expect(fromKeepaMinutes(p.lastUpdate as number)).toBeLessThanOrEqual(sim.sim.now());
  });

  it("serves the edge cases: eBook, variation parent, no BSR, all −1 prices, short csv, unknown stub", async () => {
    const s = sim.sim.catalogue.specials;
    expect((await one(s.ebook)).productType).toBe(2);
    const parent = await one(s.variationParent);
    expect(parent).toMatchObject({ productType: 5 });
    expect(parent.csv.every((x) => x === null)).toBe(true);
    const child = await one(s.variationChildren[0]!);
    expect(child.parentAsin).toBe(s.variationParent);
    const noRank = await one(s.noSalesRank);
    expect(noRank).toMatchObject({ salesRankReference: -1, salesRanks: null });
    expect(noRank.csv[3]).toBeNull();
    expect((noRank.stats.current as number[])[3]).toBe(-1);
    expect(noRank.stats.salesRankDrops30).toBe(-1);
    const noPrices = await one(s.allPricesMissing);
    expect([0, 1, 2].map((i) => noPrices.csv[i]!.filter((_, j) => j % 2 === 1))).toEqual([
      [-1, -1],
      [-1, -1],
      [-1, -1],
    ]);
    expect((noPrices.stats.avg90 as number[]).slice(0, 3)).toEqual([-1, -1, -1]);
    expect((noPrices.stats.outOfStockPercentage90 as number[]).slice(0, 3)).toEqual([100, 100, 100]);
    expect((await one(s.shortCsv)).csv).toHaveLength(34);
    const stub = await one(s.unknownAsin);
    expect(stub).toMatchObject({ productType: 4, title: null, rootCategory: 0, categoryTree: null });
    expect(stub.csv).toEqual(new Array(36).fill(null));
  });

  it("history=0 drops csv and salesRanks; rating=1 and buybox=1 expose their csv slots", async () => {
    const e = sim.sim.catalogue.entries.find(
      (x) => x.productType === 0 && x.rating > 0 && x.csvStyle === "full" && x.newPrice > 0,
    )!;
    const noHistory = await one(e.asin, { history: 0 });
    expect("csv" in noHistory).toBe(false);
    expect("salesRanks" in noHistory).toBe(false);
    const rich = await one(e.asin, { rating: 1, buybox: 1 });
    expect(last(rich.csv[16])).toBe(e.rating);
    expect(last(rich.csv[17])).toBe(e.reviews);
    expect(rich.csv[18]!.length % 3).toBe(0);
    expect(rich.stats.buyBoxPrice).toBe(rich.csv[18]![rich.csv[18]!.length - 2]);
  });

  it("gzips when Accept-Encoding: gzip", async () => {
    const res = await fetch(`${sim.url}/token?key=${KEY}`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const plain = await fetch(`${sim.url}/token?key=${KEY}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const raw = await import("node:http").then(
      (http) =>
        new Promise<Buffer>((resolve, reject) => {
          http
            .get(`${sim.url}/token?key=${KEY}`, { headers: { "accept-encoding": "gzip" } }, (r) => {
              const chunks: Buffer[] = [];
              r.on("data", (c: Buffer) => chunks.push(c));
              r.on("end", () => resolve(Buffer.concat(chunks)));
            })
            .on("error", reject);
        }),
    );
    expect(raw[0]).toBe(0x1f);
    expect(JSON.parse(gunzipSync(raw).toString("utf8"))).toMatchObject({ tokensConsumed: 0 });
  });
});
