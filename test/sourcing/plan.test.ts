import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/keepa/costs.ts";
import { lookupsFor, planLookup, planSourcing } from "../../src/sourcing/pipeline/plan.ts";
import type { PlanSlot } from "../../src/sourcing/pipeline/plan.ts";

const PAGE = estimateCost("query", { perPage: 100 }); // 11: 10 + 1 per started 100
const uncached = (n: number): PlanSlot[] => Array.from({ length: n }, () => ({ pageCost: PAGE }));
const cachedSlot = (asins: string[], isCached: (asin: string, i: number) => boolean): PlanSlot => ({
  pageCost: PAGE,
  candidates: asins.map((asin, i) => ({ asin, cached: isCached(asin, i) })),
});
const NICHE = { max: 10, min: 3 };

describe("planSourcing — surprise_me (50 tokens)", () => {
  it("count 3: 3 pages (33) + 5 products each (15) = 48 ≤ 50", () => {
    const plan = planSourcing({ budget: 50, slots: uncached(3), perSlot: NICHE });
    expect(plan).toMatchObject({
      fits: true,
      cost: 48,
      discoveryCost: 33,
      lookups: 15,
      slots: 3,
      perSlot: 5,
      shrunk: true,
    });
    expect(plan.notes.join(" ")).toContain("covers 5 of the 10 products");
  });

  it("count 5 shrinks to 3 niches (4 would need 44 + 4×3 = 56) and says so", () => {
    const plan = planSourcing({ budget: 50, slots: uncached(5), perSlot: NICHE });
    expect(plan).toMatchObject({ fits: true, slots: 3, perSlot: 5, cost: 48, requested: { slots: 5, perSlot: 10 } });
    expect(plan.notes.join(" ")).toContain("covers 3 of the 5 discoveries");
  });

  it("count 1: one page + the full 10 products = 21", () => {
    expect(planSourcing({ budget: 50, slots: uncached(1), perSlot: NICHE })).toMatchObject({
      cost: 21,
      slots: 1,
      perSlot: 10,
      shrunk: false,
    });
  });

  it("cached discoveries cost 0; only uncached products are planned", () => {
    const plan = planSourcing({
      budget: 50,
      slots: [cachedSlot(["A", "B", "C", "D"], (_a, i) => i % 2 === 0)],
      perSlot: NICHE,
    });
    expect(plan).toMatchObject({
      fits: true,
      cost: 2,
      discoveryCost: 0,
      lookups: 2,
      perSlot: 10,
      cachedDiscoveries: 1,
    });
  });

  it("a repeat keeps the cold shape (3 × 5) and costs 0, instead of buying 5 more products per niche", () => {
    const lists = [0, 1, 2].map((n) => Array.from({ length: 50 }, (_, i) => `N${n}-${i}`));
    const slots = lists.map((list) => cachedSlot(list, (_a, i) => i < 5));
    expect(planSourcing({ budget: 50, slots, perSlot: NICHE })).toMatchObject({
      fits: true,
      slots: 3,
      perSlot: 5,
      cost: 0,
      lookups: 0,
    });
  });

  it("everything cached plans 0 tokens", () => {
    const slot = cachedSlot(["A", "B", "C"], () => true);
    expect(planSourcing({ budget: 50, slots: [slot, slot], perSlot: NICHE }).cost).toBe(0);
  });
});

describe("planSourcing — manual_search", () => {
  it("10 tokens cannot buy one Product Finder page (11): refused, cost 0, minimum 12 for scoring", () => {
    const plan = planSourcing({ budget: 10, slots: uncached(1), perSlot: { max: 20, min: 1 } });
    expect(plan).toMatchObject({ fits: false, cost: 0, minimumCost: 12 });
    expect(planSourcing({ budget: 10, slots: uncached(1), perSlot: { max: 0, min: 0 } })).toMatchObject({
      fits: false,
      minimumCost: 11,
    });
  });

  it("10 tokens with the discovery cached buy 10 product lookups", () => {
    const slot = cachedSlot(
      Array.from({ length: 40 }, (_, i) => `A${i}`),
      () => false,
    );
    expect(planSourcing({ budget: 10, slots: [slot], perSlot: { max: 20, min: 1 } })).toMatchObject({
      fits: true,
      cost: 10,
      lookups: 10,
      perSlot: 10,
      shrunk: true,
    });
  });

  it("ASINs only (/products/discover): one page, 11 tokens (12 above 100 results)", () => {
    expect(planSourcing({ budget: 50, slots: uncached(1), perSlot: { max: 0, min: 0 } })).toMatchObject({
      fits: true,
      cost: 11,
      lookups: 0,
    });
    expect(
      planSourcing({
        budget: 50,
        slots: [{ pageCost: estimateCost("query", { perPage: 200 }) }],
        perSlot: { max: 0, min: 0 },
      }).cost,
    ).toBe(12);
  });

  it("budget 30, 20 products asked: 11 + 19 = 30, shrunk by one", () => {
    expect(planSourcing({ budget: 30, slots: uncached(1), perSlot: { max: 20, min: 1 } })).toMatchObject({
      cost: 30,
      perSlot: 19,
      shrunk: true,
    });
  });
});

describe("lookupsFor", () => {
  it("never counts the same ASIN twice across slots", () => {
    const a = cachedSlot(["X", "Y", "Z"], () => false);
    const b = cachedSlot(["X", "Y", "W"], () => false);
    expect(lookupsFor([a, b], 2, 2)).toBe(3); // a: X, Y; b: W only (X, Y taken, list exhausted)
    expect(lookupsFor([a, b], 2, 3)).toBe(4); // a: X, Y, Z; b: W
  });
});

describe("planLookup — product_lookup (1 token)", () => {
  it("1 token uncached, 0 from cache", () => {
    expect(planLookup(1, false)).toMatchObject({ fits: true, cost: 1 });
    expect(planLookup(1, true)).toMatchObject({ fits: true, cost: 0 });
  });
});
