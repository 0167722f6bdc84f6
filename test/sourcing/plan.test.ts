import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/keepa/costs.ts";
import {
  lookupsFor,
  planLookup,
  planSourcing,
  sampleOrder,
  withVerifiedInCache,
} from "../../src/sourcing/pipeline/plan.ts";
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
    // The first run screened 5 products spread over each list of 50: positions 0, 10, 20, 30, 40.
    const slots = lists.map((list) => cachedSlot(list, (_a, i) => i % 10 === 0));
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

describe("sampleOrder", () => {
  it("spreads k picks evenly over the list, then the rest in rank order", () => {
    const list = Array.from({ length: 10 }, (_, i) => i);
    // 3 picks over 10: floor(0×10/3) = 0, floor(1×10/3) = 3, floor(2×10/3) = 6.
    expect(sampleOrder(list, 3)).toEqual([0, 3, 6, 1, 2, 4, 5, 7, 8, 9]);
    expect(sampleOrder(list, 10)).toEqual(list);
    expect(sampleOrder(list, 0)).toEqual(list);
  });
});

describe("planSourcing — verification (docs/economics.md#two-stage-funnel)", () => {
  const VERIFY = { max: 5, unitCost: 12 };

  it("verifies what the budget leaves after screening: 100 − (33 + 21) = 46 → 3 of 5 at 12", () => {
    const plan = planSourcing({ budget: 100, slots: uncached(3), perSlot: { max: 7, min: 1 }, verify: VERIFY });
    expect(plan.verify).toEqual({ requested: 5, planned: 3, unitCost: 12, cost: 36 });
    expect(plan.cost).toBe(33 + 21 + 36);
    expect(plan.notes.join(" ")).toContain("3 of the 5 best screened product(s) verified");
  });

  it("the same request verifies the same number when its screening is cached; cached verified ones are free", () => {
    const slot = cachedSlot(
      Array.from({ length: 7 }, (_, i) => `A${i}`),
      () => true,
    );
    const plan = planSourcing({ budget: 100, slots: [slot, slot, slot], perSlot: { max: 7, min: 1 }, verify: VERIFY });
    // Cold shape 3 × (11 + 7) = 54 leaves 46: 3 verifications; the warm screening costs 0.
    expect([plan.verify.planned, plan.cost]).toEqual([3, 36]);
    expect(withVerifiedInCache(plan, 3)).toMatchObject({ cost: 0, verify: { planned: 3, cost: 0 } });
    expect(withVerifiedInCache(plan, 1)).toMatchObject({ cost: 24 });
  });
});

describe("planLookup — product_lookup (12 tokens)", () => {
  it("screen only: 1 token uncached, 0 from cache", () => {
    expect(planLookup(12, "none")).toMatchObject({ fits: true, cost: 1 });
    expect(planLookup(12, "screened")).toMatchObject({ fits: true, cost: 0 });
  });

  it("verified: up to 12 tokens, 0 when a verified copy is cached; a budget below 12 falls back to the screen", () => {
    expect(planLookup(12, "none", 12)).toMatchObject({ cost: 12, verify: { planned: 1 } });
    expect(planLookup(12, "screened", 12)).toMatchObject({ cost: 12, verify: { planned: 1 } });
    expect(planLookup(12, "verified", 12)).toMatchObject({ cost: 0 });
    const short = planLookup(5, "none", 12);
    expect(short).toMatchObject({ fits: true, cost: 1, verify: { planned: 0 } });
    expect(short.notes.join(" ")).toContain("provisional");
  });
});
