// Pages from the cached list: one Product Finder page serves the requests that page through a search, each paying
// only for the products it screens (docs/economics.md#pages-from-the-cached-list), and the plan names the list used.
import { describe, expect, it } from "vitest";
import withScoring from "../../netlify/functions/products-discover-with-scoring.mts";
import { pageView } from "../../src/sourcing/pipeline/pages.ts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";

const LIST = Array.from({ length: 100 }, (_, i) => `B${String(i).padStart(9, "0")}`);
const SIZE = 7;

/** Page n's sample: what the pick takes first (sampleOrder's first `size` of the page's view). */
const sample = (n: number) => {
  const view = pageView(LIST, { number: n, size: SIZE });
  return Array.from({ length: SIZE }, (_, j) => view[Math.floor((j * view.length) / SIZE)]);
};

describe("pageView", () => {
  it("page 1 is the whole list; later pages never repeat an ASIN and keep rank order", () => {
    expect(pageView(LIST, { number: 1, size: SIZE })).toEqual(LIST);
    expect(pageView(LIST, undefined)).toEqual(LIST);
    const seen = new Set<string>();
    for (let n = 1; n <= 14; n++) {
      for (const asin of sample(n)) {
        expect(seen.has(asin!)).toBe(false);
        seen.add(asin!);
      }
      const view = pageView(LIST, { number: n, size: SIZE });
      expect([...view].sort()).toEqual(view);
      expect(view).toHaveLength(LIST.length - (n - 1) * SIZE);
    }
  });

  it("each page still spreads over the whole list (its fast and its slow edge)", () => {
    for (const n of [2, 5, 10]) {
      const positions = sample(n).map((asin) => LIST.indexOf(asin!));
      expect(Math.min(...positions)).toBeLessThan(15);
      expect(Math.max(...positions)).toBeGreaterThan(80);
    }
  });

  it("a page past the list's end is empty (or wraps around), and the same page is always the same ASINs", () => {
    expect(pageView(LIST.slice(0, 10), { number: 3, size: SIZE })).toEqual([]);
    // 10 ASINs are 2 pages of 7: page 3 wraps to page 1, page 4 to page 2.
    expect(pageView(LIST.slice(0, 10), { number: 3, size: SIZE, wrap: true })).toEqual(LIST.slice(0, 10));
    expect(pageView(LIST.slice(0, 10), { number: 4, size: SIZE, wrap: true })).toEqual(
      pageView(LIST.slice(0, 10), { number: 2, size: SIZE }),
    );
    expect(pageView(LIST, { number: 4, size: SIZE })).toEqual(pageView(LIST, { number: 4, size: SIZE }));
  });
});

const sim = await useSimulator(FUNCTIONS_SIMULATOR);
const SEARCH = { category: "medical", bsrMin: 20_000, bsrMax: 300_000, priceMin: 30, priceMax: 200, verify: 0 };

type Discovery = { slot: string; list: string; source: string; size: number; page: number };
type PagePlan = { discoveryCost: number; lookups: number; discovery: Discovery[]; spread: { screened: number } };

describe("POST /api/v1/products/discover_with_scoring with page", () => {
  it("page 2 screens new products from the cached band lists: no Product Finder page, and the plan says which", async () => {
    const search = (page: number) =>
      call(sim, withScoring, "/api/v1/products/discover_with_scoring", { method: "POST", body: { ...SEARCH, page } });
    const first = await search(1);
    expect(first.status).toBe(200);
    const one = first.body.plan as PagePlan;
    expect(one.discoveryCost).toBe(33);
    expect(one.discovery.map((d) => [d.source, d.page])).toEqual([
      ["keepa", 1],
      ["keepa", 1],
      ["keepa", 1],
    ]);

    const second = await search(2);
    expect(second.status).toBe(200);
    const two = second.body.plan as PagePlan;
    expect(two.discoveryCost).toBe(0);
    expect(two.discovery.map((d) => [d.source, d.page])).toEqual([
      ["cache", 2],
      ["cache", 2],
      ["cache", 2],
    ]);
    expect(two.discovery.map((d) => d.list)).toEqual(one.discovery.map((d) => d.list));
    // Only the screening was paid for, one token per new product.
    expect(second.spent).toBe(two.spread.screened);
    expect(two.spread.screened).toBe(21);
    const asins = (called: typeof first) => (called.body.products as { asin: string }[]).map((p) => p.asin);
    expect(asins(second).filter((asin) => asins(first).includes(asin))).toEqual([]);

    const again = await search(2);
    expect(again.spent).toBe(0);
  });
});
