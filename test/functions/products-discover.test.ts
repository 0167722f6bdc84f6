import { beforeEach, describe, expect, it } from "vitest";
import discover from "../../netlify/functions/products-discover.mts";
import withScoring from "../../netlify/functions/products-discover-with-scoring.mts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { testRuntime } from "../helpers/runtime.ts";
import type { Runtime } from "../../src/app/index.ts";

type Plan = {
  fits: boolean;
  cost: number;
  slots: number;
  perSlot: number;
  shrunk: boolean;
  notes: string[];
  minimumCost: number;
  verify: { requested: number; planned: number; unitCost: number; cost: number };
  verified: { fetched: number; fromCache: number; candidates: number };
  spread: { min: number | null; median: number | null; max: number | null; screened: number; bands: number };
};
type Product = {
  asin: string;
  title: string | null;
  sellCondition: string;
  sellPrice: { cents: number; condition: string; landed: boolean; source: string; live: boolean } | null;
  buyCost: { cents: number; model: string } | null;
  maxBuyCents: number | null;
  verified: boolean;
  provisional: boolean;
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

const FILTERS = { category: "medical", bsrMin: 20_000, bsrMax: 300_000, priceMin: 30, priceMax: 200 };

/** 20k–300k is wide (×15): searched in 3 log-spaced bands (docs/economics.md#spread-across-the-bsr-range). */
const BAND_EDGES = [20_000, 49_324, 121_644, 300_000];
/** A range narrower than ×3 is one page. */
const NARROW = { ...FILTERS, bsrMin: 20_000, bsrMax: 50_000 };

/**
 * The runtime the endpoints are served on, rebuilt whenever a test sets manual_search's budget (default 100); the
 * original's 10 cannot buy one Product Finder page (11). Built after the per-test fresh prefix, so it starts cold.
 */
let runtime: Runtime;
function setManualSearchBudget(cost: number | undefined): void {
  const override = cost === undefined ? undefined : JSON.stringify({ manual_search: { cost } });
  runtime = testRuntime({ vars: { TOKEN_COSTS_OVERRIDE: override } });
}

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

describe("POST /api/v1/products/discover and discover_with_scoring (manual_search)", () => {
  beforeEach(() => setManualSearchBudget(undefined));

  it("discover: one Product Finder page (11 tokens), ASINs only; a repeat costs 0", async () => {
    const first = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...FILTERS, maxResults: 30 },
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
      priceRange: { minCents: 3000, maxCents: 20_000 },
    });

    const again = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...FILTERS, maxResults: 30 },
    });
    expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(again.body.asins).toEqual(asins);
    expect(again.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { discovery: 1 } });

    // The original's snake_case names are deprecated aliases of the same fields: the same search, from the cache.
    const legacy = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { category: "medical", bsr_min: 20_000, bsr_max: 300_000, price_min: 30, price_max: 200, max_results: 30 },
    });
    expect(legacy).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(legacy.body.asins).toEqual(asins);
    expect(legacy.body.query).toEqual(first.body.query);
  });

  it("a field sent under both its name and its deprecated alias is refused as ambiguous", async () => {
    const result = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { maxResults: 10, max_results: 20 },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body.errors)).toContain("max_results");
  });

  it("discover_with_scoring: 3 band pages, 21 screened across the range, the best 3 verified; a repeat costs 0", async () => {
    const body = { ...FILTERS, maxResults: 20, strategy: "textbooks" };
    const first = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(first.status).toBe(200);
    const plan = first.body.plan as Plan;
    // 3 pages × 11 + 3 × 7 screened = 54; 100 − 54 = 46 leaves 3 verifications of at most 12 (of the 5 asked).
    expect(plan).toMatchObject({ slots: 3, perSlot: 7, cost: 90, verify: { requested: 5, planned: 3, cost: 36 } });
    const tokens = first.body.tokens as unknown as { productsFetched: number };
    expect(tokens.productsFetched).toBe(21);
    // Screening is 1 token per product; each verification costs what Keepa charged for its offer pages (5–12).
    const verifySpent = first.spent - 33 - 21;
    expect(plan.verified.fetched).toBeGreaterThan(0);
    expect(verifySpent).toBeGreaterThanOrEqual(5 * plan.verified.fetched);
    expect(verifySpent).toBeLessThanOrEqual(12 * plan.verified.fetched);
    const products = first.body.products as Product[];
    expect(products.length).toBe(20);
    for (const p of products) {
      expect(p.sellCondition).toBe("used_good");
      if (p.sellPrice) expect(p.sellPrice).toMatchObject({ condition: "used_good", landed: true });
      if (p.sellPrice?.live) expect(p.verified).toBe(true);
      expect(p.provisional).toBe(!p.verified);
      if (!p.verified) expect(p.recommendation).not.toBe("STRONG_BUY");
      expect(p.buyCost === null || p.buyCost.model === "percentOfSell").toBe(true);
    }
    expect(products.filter((p) => p.verified)).toHaveLength(plan.verified.fetched);
    // The screened products cover the range: the fast and the slow band are both represented.
    expect(plan.spread).toMatchObject({ bands: 3, screened: 21 });
    expect(plan.spread.min as number).toBeLessThan(BAND_EDGES[1] as number);
    expect(plan.spread.max as number).toBeGreaterThanOrEqual(BAND_EDGES[2] as number);
    expect(plan.spread.max as number).toBeLessThanOrEqual(300_000);

    const again = await call(sim, withScoring, "/api/v1/products/discover-with-scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect((again.body.products as Product[]).map((p) => p.asin)).toEqual(products.map((p) => p.asin));
    expect(again.body.tokens).toMatchObject({ reserved: 0, cacheHits: { discovery: 3, products: 21 } });
  });

  it("an explicit Amazon flip prices the buy cost from the buy condition's lowest landed offer", async () => {
    const body = {
      ...NARROW,
      maxResults: 10,
      sellCondition: "used_acceptable",
      costModel: { model: "amazonOffer", condition: "used_good" },
    };
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body,
    });
    expect(result.status).toBe(200);
    for (const p of result.body.products as (Product & { buyCost: { condition: string; landed: boolean } | null })[]) {
      expect(p.sellCondition).toBe("used_acceptable");
      if (p.buyCost) expect(p.buyCost).toMatchObject({ model: "amazonOffer", condition: "used_good", landed: true });
    }
    const refused = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...body, sellCondition: "new" },
    });
    expect(refused.status).toBe(400);
    const errors = refused.body.errors as { field: string; message: string }[];
    expect(errors[0]?.message).toContain("cannot be sold as new");
  });

  it("minRoi / minVelocity filter the scored products; forceRefresh pays again", async () => {
    const body = { ...FILTERS, maxResults: 10, minRoi: 20, minVelocity: 30, strategy: "textbooks" };
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
      body: { ...body, forceRefresh: true },
    });
    expect(forced.spent).toBe(first.spent);
  });

  it("excludeAmazon false: listings Amazon sells on are scored but never shown; BUYs list before SKIPs", async () => {
    const body = { ...FILTERS, maxResults: 20, excludeAmazon: false };
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
      body: { ...NARROW, maxResults: 20 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ reason: "plan_exceeds_budget", budget: 10, required: 12 });
    expect(sim.sim.getLog().length).toBe(logBefore);

    setManualSearchBudget(undefined);
    await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { ...NARROW, maxResults: 50 },
    });
    setManualSearchBudget(10);
    const cheap = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...NARROW, maxResults: 20 },
    });
    expect(cheap.status).toBe(200);
    expect(cheap.body.plan).toMatchObject({ cost: 10, perSlot: 10, shrunk: true, verify: { planned: 0 } });
    expect(cheap.spent).toBeLessThanOrEqual(10);
    expect(cheap.body.products as Product[]).toHaveLength(10);
  });

  it("a narrow range is one page; the default budget (100) screens 20 and verifies 5", async () => {
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      runtime,
      body: { ...NARROW, maxResults: 20 },
    });
    expect(result.status).toBe(200);
    // 11 + 20 = 31 screened; 100 − 31 = 69 covers all 5 verifications (60).
    expect(result.body.plan).toMatchObject({ slots: 1, perSlot: 20, cost: 91, verify: { planned: 5 } });
    expect(result.spent).toBeLessThanOrEqual(91);
  });

  it.each([
    [{ category: "Law School" }, "category", "283155 Books"],
    [{ category: 165793011 }, "category", "valid categories"],
    [{ bsrMin: 5000, bsrMax: 100 }, "bsrMax", "must be ≥ bsrMin"],
    [{ priceMin: 50, priceMax: 10 }, "priceMax", "must be ≥ priceMin"],
    [{ maxResults: 500 }, "maxResults", "between 1 and 100"],
    [{ maxResults: 0 }, "maxResults", "between 1 and 100"],
    [{ strategy: "balanced" }, "strategy", "smart_velocity"],
    [{ sellCondition: "mint" }, "sellCondition", "used_good"],
    [{ costModel: { model: "percentOfSell", percent: 0 } }, "costModel.percent", ""],
    [{ costModel: { model: "perItem", items: { "123": 500 } } }, "costModel.items.123", "ISBN"],
    [{ costModel: { model: "guess" } }, "costModel.model", "percentOfSell"],
    [{ sourcePrice: 5, costModel: { model: "flatCents", cents: 500 } }, "sourcePrice", "not both"],
    [{ verify: 21 }, "verify", "between 0 and 20"],
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

  it("discover: maxResults above 200 → 400", async () => {
    const result = await call(sim, discover, "/api/v1/products/discover", {
      method: "POST",
      runtime,
      body: { maxResults: 201 },
    });
    expect(result.status).toBe(400);
    expect((result.body.errors as { field: string }[])[0]?.field).toBe("maxResults");
  });

  it("a low balance answers 429 with Retry-After and the X-Token headers", async () => {
    sim.sim.setBalance(15);
    try {
      const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
        method: "POST",
        runtime,
        body: { ...FILTERS, bsrMax: 299_999 },
      });
      expect(result.status).toBe(429);
      expect(result.headers.get("retry-after")).not.toBeNull();
      expect(result.headers.get("x-token-required")).toBe("90");
      expect(result.headers.get("x-token-balance")).toBe("5");
      expect(result.spent).toBe(0);
    } finally {
      sim.sim.setBalance(1200);
    }
  });
});
