import { beforeEach, describe, expect, it } from "vitest";
import discover from "../../netlify/functions/products-discover.mts";
import withScoring from "../../netlify/functions/products-discover-with-scoring.mts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { testRuntime } from "../helpers/runtime.ts";
import type { Runtime } from "../../src/app/index.ts";

type Plan = { fits: boolean; cost: number; perSlot: number; shrunk: boolean; notes: string[]; minimumCost: number };
type Product = {
  asin: string;
  title: string | null;
  buyPriceCents: number | null;
  sellPriceCents: number | null;
  bsr: number | null;
  roiPercent: number | null;
  profitCents: number | null;
  velocity: number;
  stability: number;
  recommendation: string;
  dataQuality: string;
};

const FILTERS = { category: "medical", bsr_min: 20_000, bsr_max: 300_000, price_min: 30, price_max: 200 };

/**
 * The runtime the endpoints are served on, rebuilt whenever a test sets manual_search's budget (default 31); the
 * original's 10 cannot buy one Product Finder page (11). Built after the per-test fresh prefix, so it starts cold.
 */
let runtime: Runtime;
function setManualSearchBudget(cost: number | undefined): void {
  const override = cost === undefined ? undefined : JSON.stringify({ manual_search: { cost } });
  runtime = testRuntime({ vars: { TOKEN_COSTS_OVERRIDE: override } });
}

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

describe("POST /api/v1/products/discover and discover_with_scoring (manual_search)", () => {
  beforeEach(() => setManualSearchBudget(40));

  it("discover: one Product Finder page (11 tokens), ASINs only; a repeat costs 0", async () => {
    const first = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...FILTERS, max_results: 30 },
    });
    expect(first.status).toBe(200);
    expect(first.spent).toBe(11);
    expect(first.body.tokens).toMatchObject({
      action: "manual_search",
      reserved: 11,
      spent: 11,
      released: 0,
      partial: false,
    });
    const asins = first.body.asins as string[];
    expect(asins).toHaveLength(30);
    expect(first.body.query).toMatchObject({
      category: { id: 173514 },
      bsrRange: { min: 20_000, max: 300_000 },
      priceRangeCents: { min: 3000, max: 20_000 },
    });

    const again = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...FILTERS, max_results: 30 },
    });
    expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(again.body.asins).toEqual(asins);
    expect(again.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { discovery: 1 } });
  });

  it("discover_with_scoring: page + 20 products ≤ 31 tokens, scored with real prices; a repeat costs 0", async () => {
    const body = { ...FILTERS, max_results: 20, strategy: "textbooks" };
    const first = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(first.status).toBe(200);
    expect(first.body.plan as Plan).toMatchObject({ cost: 31, perSlot: 20, shrunk: false });
    expect(first.spent).toBeLessThanOrEqual(31);
    const products = first.body.products as Product[];
    expect(products.length).toBe(20);
    for (const p of products) {
      expect(p.asin).toMatch(/^[0-9A-Z]{10}$/);
      expect(["STRONG_BUY", "BUY", "CONSIDER", "SKIP"]).toContain(p.recommendation);
      expect(p).toHaveProperty("roiPercent");
      expect(p).toHaveProperty("stability");
      expect(p).toHaveProperty("dataQuality");
    }
    // ROI comes from each product's own buy and sell price, so it varies.
    expect(new Set(products.map((p) => p.roiPercent)).size).toBeGreaterThan(5);
    // One Product Finder page (10 + 1 per started hundred ASINs), then 1 token per product detailed: nothing else.
    const fetched = (first.body.tokens as unknown as { productsFetched: number }).productsFetched;
    expect(fetched).toBe(20);
    expect(first.spent).toBe(11 + fetched);
    expect(first.spent / products.length).toBe(1.55);

    const again = await call(sim, withScoring, "/api/v1/products/discover-with-scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect((again.body.products as Product[]).map((p) => p.asin)).toEqual(products.map((p) => p.asin));
    expect(again.body.tokens).toMatchObject({ reserved: 0, cacheHits: { discovery: 1, products: 20 } });
  });

  it("min_roi / min_velocity filter the scored products; force_refresh pays again", async () => {
    const body = { ...FILTERS, max_results: 10, min_roi: 20, min_velocity: 30, strategy: "textbooks" };
    const first = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body,
    });
    for (const p of first.body.products as Product[]) expect(p.roiPercent ?? -1).toBeGreaterThanOrEqual(20);
    expect((first.body.scored as number) - (first.body.filteredOut as number)).toBe(
      (first.body.products as Product[]).length,
    );
    const forced = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...body, force_refresh: true },
    });
    expect(forced.spent).toBe(first.spent);
  });

  it("exclude_amazon false: listings Amazon sells on are scored but never shown; BUYs list before SKIPs", async () => {
    const body = { ...FILTERS, max_results: 20, exclude_amazon: false };
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(result.status).toBe(200);
    const products = result.body.products as (Product & { amazonOnListing: boolean | null })[];
    expect(products.length).toBeGreaterThan(0);
    expect(products.filter((p) => p.amazonOnListing === true)).toEqual([]);
    expect(result.body.filteredOut as number).toBeGreaterThan(0);
    const ranks = products.map((p) => ["SKIP", "CONSIDER", "BUY", "STRONG_BUY"].indexOf(p.recommendation));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it("with the original 10-token budget: uncached → 422 and no Keepa request; a cached page → 10 lookups", async () => {
    setManualSearchBudget(10);
    const logBefore = sim.sim.getLog().length;
    const refused = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...FILTERS, max_results: 20 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ reason: "plan_exceeds_budget", budget: 10, required: 12 });
    expect(sim.sim.getLog().length).toBe(logBefore);

    setManualSearchBudget(40);
    await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...FILTERS, max_results: 50 },
    });
    setManualSearchBudget(10);
    const cheap = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...FILTERS, max_results: 20 },
    });
    expect(cheap.status).toBe(200);
    expect(cheap.body.plan).toMatchObject({ cost: 10, perSlot: 10, shrunk: true });
    expect(cheap.spent).toBeLessThanOrEqual(10);
    expect(cheap.body.products as Product[]).toHaveLength(10);
  });

  it("with the default budget (31): an uncached search buys one page and 20 scored products", async () => {
    setManualSearchBudget(undefined);
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...FILTERS, bsr_min: 20_001, max_results: 20 },
    });
    expect(result.status).toBe(200);
    expect(result.body.plan).toMatchObject({ cost: 31, perSlot: 20, shrunk: false });
    expect(result.spent).toBeLessThanOrEqual(31);
    expect(result.body.products as Product[]).toHaveLength(20);
  });

  it.each([
    [{ category: "Law School" }, "category", "283155 Books"],
    [{ category: 165793011 }, "category", "valid categories"],
    [{ bsr_min: 5000, bsr_max: 100 }, "bsr_max", "must be ≥ bsr_min"],
    [{ price_min: 50, price_max: 10 }, "price_max", "must be ≥ price_min"],
    [{ max_results: 500 }, "max_results", "between 1 and 100"],
    [{ max_results: 0 }, "max_results", "between 1 and 100"],
    [{ strategy: "balanced" }, "strategy", "smart_velocity"],
  ])("bad input %j → 400 on %s, nothing sent to Keepa", async (bad, field, text) => {
    const logBefore = sim.sim.getLog().length;
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: bad,
    });
    expect(result.status).toBe(400);
    const errors = result.body.errors as { field: string; message: string }[];
    expect(errors.find((e) => e.field === field)?.message).toContain(text);
    expect(sim.sim.getLog().length).toBe(logBefore);
  });

  it("discover: max_results above 200 → 400", async () => {
    const result = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { max_results: 201 },
    });
    expect(result.status).toBe(400);
    expect((result.body.errors as { field: string }[])[0]?.field).toBe("max_results");
  });

  it("a low balance answers 429 with Retry-After and the X-Token headers", async () => {
    sim.sim.setBalance(15);
    try {
      const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
        method: "POST",
        runtime,
        body: { ...FILTERS, bsr_max: 299_999 },
      });
      expect(result.status).toBe(429);
      expect(result.headers.get("retry-after")).not.toBeNull();
      expect(result.headers.get("x-token-required")).toBe("31");
      expect(result.headers.get("x-token-balance")).toBe("5");
      expect(result.spent).toBe(0);
    } finally {
      sim.sim.setBalance(1200);
    }
  });
});
