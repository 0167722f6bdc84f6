import { describe, expect, it } from "vitest";
import niches from "../../netlify/functions/niches-discover.mts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";

type Niche = {
  id: string;
  productsFound: number;
  productsScored: number;
  avgRoi: number | null;
  topProducts: { asin: string; roiPercent: number }[];
};
type Plan = {
  cost: number;
  slots: number;
  perSlot: number;
  shrunk: boolean;
  notes: string[];
  verify: { planned: number; cost: number };
  verified: { fetched: number; fromCache: number };
};

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

describe("GET|POST /api/v1/niches/discover (surprise_me)", () => {
  it("count 3: 10 products scored per niche and the best 3 verified within 100 tokens; a repeat costs 0", async () => {
    const first = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=42");
    expect(first.status).toBe(200);
    const plan = first.body.plan as Plan;
    // 3 × (11 + 10) = 63 screened; 100 − 63 = 37 → 3 verifications at up to 12 = 36: 99 reserved at most.
    expect(plan).toMatchObject({ slots: 3, perSlot: 10, cost: 99, verify: { planned: 3, cost: 36 } });
    expect(first.spent).toBeLessThanOrEqual(99);
    expect(first.spent).toBeGreaterThanOrEqual(63 + 5 * plan.verified.fetched);
    const found = first.body.niches as (Niche & { productsVerified: number })[];
    expect(found.length).toBeGreaterThan(0);
    for (const niche of found) expect(niche.productsFound).toBeGreaterThan(0);
    for (const niche of found) expect(niche.productsScored).toBe(10);
    expect(found.reduce((n, niche) => n + niche.productsVerified, 0)).toBe(plan.verified.fetched);

    const again = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=42");
    expect(again.status).toBe(200);
    expect(again.spent).toBe(0);
    expect(again.requests).toBe(0);
    expect(again.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { discovery: 3 } });
    expect((again.body.niches as Niche[]).map((n) => n.id)).toEqual(found.map((n) => n.id));
    expect((again.body.plan as Plan).cost).toBe(0);
  });

  it("POST with count 5 keeps every niche at 9 products and says verification did not fit", async () => {
    const result = await call(sim, niches, "/api/v1/niches/discover", { method: "POST", body: { count: 5, seed: 7 } });
    expect(result.status).toBe(200);
    expect(result.spent).toBeLessThanOrEqual(100);
    const plan = result.body.plan as Plan;
    // More niches first: 5 × 11 = 55, and 5 × 9 = 45 screened = 100; nothing left to verify.
    expect(plan).toMatchObject({ slots: 5, perSlot: 9, cost: 100, shrunk: true, verify: { planned: 0 } });
    expect(plan.notes.join(" ")).toContain("covers 9 of the 10 products");
    expect(plan.notes.join(" ")).toContain("0 of the 5 best screened product(s) verified");
  });

  it(
    "a Keepa failure mid-run answers 200 with partial: true " + "and what was paid for, never more than reserved",
    async () => {
      sim.sim.setFaults({ dropAfterChargeNext: 1, endpoints: ["product"] });
      try {
        const result = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=99");
        expect(result.status).toBe(200);
        expect(result.body.partial).toBe(true);
        expect(result.body.tokens).toMatchObject({ partial: true });
        expect(result.body.cuts).toEqual([expect.objectContaining({ reason: "keepa_error", step: "details" })]);
        expect((result.body.skipped as unknown[]).length).toBe(3);
      } finally {
        sim.sim.clearFaults();
      }
    },
  );

  it("a strategy filter only picks that strategy's niches", async () => {
    const result = await call(sim, niches, "/api/v1/niches/discover?count=2&strategy=textbooks&seed=3");
    expect(result.status).toBe(200);
    const found = result.body.niches as { strategy: string; productsFound: number }[];
    expect(found.length, "an empty answer would pass the loop below").toBeGreaterThan(0);
    for (const niche of found) expect(niche.strategy).toBe("textbooks");
  });

  it.each([
    ["count=9", "count"],
    ["strategy=balanced", "strategy"],
    ["count=3&colour=red", "(root)"],
    ["shuffle=maybe", "shuffle"],
  ])("bad input %s → 400 naming %s, with no Keepa request at all", async (qs, field) => {
    const logBefore = sim.sim.getLog().length;
    const result = await call(sim, niches, `/api/v1/niches/discover?${qs}`);
    expect(result.status).toBe(400);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect((result.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect(sim.sim.getLog().length).toBe(logBefore);
  });

  it("a low balance answers 429 with Retry-After and the X-Token headers, spending nothing", async () => {
    sim.sim.setBalance(60);
    try {
      const result = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=11");
      expect(result.status).toBe(429);
      expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(result.headers.get("x-token-required")).toBe("99");
      expect(Number(result.headers.get("x-token-balance"))).toBeLessThan(99);
      expect(result.spent).toBe(0);
    } finally {
      sim.sim.setBalance(1200);
    }
  });
});
