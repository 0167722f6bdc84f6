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
type Plan = { cost: number; slots: number; perSlot: number; shrunk: boolean; notes: string[] };

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

describe("GET|POST /api/v1/niches/discover (surprise_me)", () => {
  it("count 3 fits 50 tokens and returns niches with products; a repeat costs 0", async () => {
    const first = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=42");
    expect(first.status).toBe(200);
    expect(first.spent).toBeLessThanOrEqual(50);
    expect(first.body.tokens?.reserved).toBeLessThanOrEqual(50);
    const found = first.body.niches as Niche[];
    expect(found.length).toBeGreaterThan(0);
    for (const niche of found) expect(niche.productsFound).toBeGreaterThan(0);

    const again = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=42");
    expect(again.status).toBe(200);
    expect(again.spent).toBe(0);
    expect(again.requests).toBe(0);
    expect(again.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { discovery: 3 } });
    expect((again.body.niches as Niche[]).map((n) => n.id)).toEqual(found.map((n) => n.id));
    expect((again.body.plan as Plan).cost).toBe(0);
  });

  it("POST with count 5 shrinks to what 50 tokens cover and says so", async () => {
    const result = await call(sim, niches, "/api/v1/niches/discover", { method: "POST", body: { count: 5, seed: 7 } });
    expect(result.status).toBe(200);
    expect(result.spent).toBeLessThanOrEqual(50);
    const plan = result.body.plan as Plan;
    expect(plan).toMatchObject({ slots: 3, perSlot: 5, shrunk: true });
    expect(plan.notes.join(" ")).toContain("covers 3 of the 5");
    const skipped = result.body.skipped as { reason: string }[];
    expect(skipped.filter((s) => s.reason.includes("token budget"))).toHaveLength(2);
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
    sim.sim.setBalance(30);
    try {
      const result = await call(sim, niches, "/api/v1/niches/discover?count=3&seed=11");
      expect(result.status).toBe(429);
      expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(result.headers.get("x-token-required")).toBe("48");
      expect(Number(result.headers.get("x-token-balance"))).toBeLessThan(48);
      expect(result.spent).toBe(0);
    } finally {
      sim.sim.setBalance(1200);
    }
  });
});
