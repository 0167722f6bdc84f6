import type { Context } from "@netlify/functions";
import { describe, expect, it } from "vitest";
import keepaTest from "../../netlify/functions/keepa-test.mts";
import productsVerify from "../../netlify/functions/products-verify.mts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import { fakeContext } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { AUTH, useSimulator } from "../helpers/simulator.ts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";

type Today = {
  condition: string;
  priceCents: number | null;
  priceSource: string | null;
  bsr: number | null;
  fbaCount: number | null;
  amazonSelling: boolean | null;
  verified: boolean;
};
type Change = {
  field: string;
  saved: number | null;
  now: number | boolean | null;
  changePercent?: number | null;
  delta?: number | null;
  severity: string;
  sentence: string;
};
type Score = {
  asin: string;
  verified: boolean;
  sellPriceCents: number | null;
  bsr: number | null;
  fbaSellers: number | null;
  amazonOnListing: boolean | null;
  recommendation: string;
  maxBuyCents: number | null;
  buyCost: { model: string; cents: number } | null;
};

const sim = await useSimulator(FUNCTIONS_SIMULATOR);
const specials = sim.sim.catalogue.specials;

/** The door with `:asin` filled in, as Netlify routes `/api/v1/products/:asin/verify`. */
function door(asin: string): EndpointHandler<Runtime> {
  const withParam = (context: Context) => ({ ...context, params: { asin } }) as Context;
  return Object.assign((request: Request, context: Context) => productsVerify(request, withParam(context)), {
    endpoint: productsVerify.endpoint,
    serve: (request: Request, context: Context, runtime?: Runtime) =>
      productsVerify.serve(request, withParam(context), runtime),
  });
}

const verify = (asin: string, body: unknown) =>
  call(sim, door(asin), `/api/v1/products/${encodeURIComponent(asin)}/verify`, { method: "POST", body });

/** What the product looks like today, through the existing lookup (verified with live offers, the same simulator). */
async function truth(asin: string): Promise<Score> {
  const lookup = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${asin}`);
  expect(lookup.status).toBe(200);
  return lookup.body.score as Score;
}

const need = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`the simulator's product has no ${what}`);
  return value;
};

describe("POST /api/v1/products/:asin/verify (verify_purchase)", () => {
  it("numbers that still hold: OK; fetched fresh although the product is cached; 12 reserved, Keepa's charge spent", async () => {
    const asin = specials.crowdedUsedFba;
    const now = await truth(asin); // leaves a verified copy in the product cache
    const price = need(now.sellPriceCents, "used_good price");
    const bsr = need(now.bsr, "rank");
    const fba = need(now.fbaSellers, "live FBA count");
    // Inside every threshold: price saved 5 % above today's (today is −4.76 %), rank 20 % above (−16.67 %), FBA
    // 2 fewer saved (+2).
    const saved = {
      priceCents: Math.round(price * 1.05),
      bsr: Math.round(bsr * 1.2),
      fbaCount: Math.max(0, fba - 2),
      costCents: 300,
    };
    const result = await verify(asin, saved);
    expect(result.status).toBe(200);
    expect(result.requests, "never the cache: a fresh /product").toBe(1);
    // offers=20 is charged 6 per page of 10 offers found (5 for none): at most the 12 reserved.
    expect([5, 6, 12]).toContain(result.spent);
    expect(result.body).toMatchObject({
      asin,
      identifier: { kind: "asin", asin },
      verdict: "OK",
      changes: [],
      checked: ["priceCents", "bsr", "fbaCount", "amazonSelling"],
      saved: { priceCents: saved.priceCents, bsr: saved.bsr, fbaCount: saved.fbaCount, costCents: 300 },
      source: "keepa",
      partial: false,
      plan: { cost: 12, verify: { requested: 1, planned: 1, unitCost: 12 } },
      tokens: { action: "verify_purchase", reserved: 12, spent: result.spent, partial: false },
    });
    expect(result.body.today as Today).toMatchObject({
      condition: "used_good",
      priceCents: price,
      bsr,
      fbaCount: fba,
      amazonSelling: false,
      verified: true,
    });
    // Today's recommendation with the seller's planned cost as a flat cost.
    const score = result.body.score as Score;
    expect(score).toMatchObject({ asin, verified: true, buyCost: { model: "flatCents", cents: 300 } });
    expect(score.maxBuyCents).not.toBeNull();
    expect(result.body.message).toMatch(/^Nothing you saved has moved past its threshold\. Today: [A-Z_]+/);
  });

  it("an ISBN-13 in the path is the book's ASIN", async () => {
    const entry = sim.sim.catalogue.get(specials.crowdedUsedFba);
    const ean = need(entry?.eanList?.[0], "EAN");
    const result = await verify(`${ean.slice(0, 3)}-${ean.slice(3)}`, { bsr: 1_000_000 });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ asin: specials.crowdedUsedFba, identifier: { kind: "isbn13" } });
  });

  it("price, rank and FBA count past their warnings: CHANGED, each change listed; the result refreshes the cache", async () => {
    const asin = specials.crowdedUsedFba;
    // A first check against a rank of 1: today's rank is far more than 100 % from it → AVOID, and it tells us today.
    const first = await verify(asin, { bsr: 1 });
    expect(first.status).toBe(200);
    expect(first.body.verdict).toBe("AVOID");
    expect(first.body.changes as Change[]).toEqual([expect.objectContaining({ field: "bsr", severity: "critical" })]);
    // The fresh product went into the product cache: a lookup right after costs 0.
    const cached = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${asin}`);
    expect(cached).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(cached.body.source).toBe("cache");

    const today = first.body.today as Today;
    const price = need(today.priceCents, "used_good price");
    const bsr = need(today.bsr, "rank");
    const fba = need(today.fbaCount, "live FBA count");
    expect(fba, "crowdedUsedFba has ≥ 6 live used_good FBA offers").toBeGreaterThanOrEqual(6);
    // Saved before the market moved: the price 15 % lower than today's (today +15 %: 10 ≤ 15 < 25), the rank 60 %
    // better (today +60 %: 50 ≤ 60 < 100), 3 fewer FBA offers (+3 = the warning, < 5).
    const saved = { priceCents: Math.round(price / 1.15), bsr: Math.round(bsr / 1.6), fbaCount: fba - 3 };
    const result = await verify(asin, saved);
    expect(result.status).toBe(200);
    expect(result.requests).toBe(1);
    expect(result.body.verdict).toBe("CHANGED");
    const changes = result.body.changes as Change[];
    expect(changes.map((c) => [c.field, c.severity])).toEqual([
      ["priceCents", "warning"],
      ["bsr", "warning"],
      ["fbaCount", "warning"],
    ]);
    expect(changes[0]).toMatchObject({ saved: saved.priceCents, now: price });
    expect(changes[0]?.changePercent).toBeCloseTo(15, 0);
    expect(changes[1]).toMatchObject({ saved: saved.bsr, now: bsr });
    expect(changes[1]?.changePercent).toBeCloseTo(60, 0);
    expect(changes[2]).toMatchObject({ saved: fba - 3, now: fba, delta: 3 });
    expect(changes[2]?.sentence).toContain("3 more than");
    expect(result.body.message).toMatch(/^3 change\(s\) to look at before buying: The used_good sell price is/);
  });

  it("a price 30 % down or 5 more FBA offers is critical: AVOID; 30 % up is only CHANGED", async () => {
    const asin = specials.crowdedUsedFba;
    const now = await truth(asin);
    const price = need(now.sellPriceCents, "used_good price");
    const fba = need(now.fbaSellers, "live FBA count");
    // saved = today / 0.7 → today is −30 % (a drop of ≥ 25 %)
    const cheaper = await verify(asin, { priceCents: Math.round(price / 0.7) });
    expect(cheaper.body.verdict).toBe("AVOID");
    expect(cheaper.body.changes as Change[]).toEqual([
      expect.objectContaining({ field: "priceCents", severity: "critical" }),
    ]);
    // saved = today / 1.3 → today is +30 %: in the seller's favour, a warning
    const dearer = await verify(asin, { priceCents: Math.round(price / 1.3) });
    expect(dearer.body.verdict).toBe("CHANGED");
    expect(dearer.body.changes as Change[]).toEqual([
      expect.objectContaining({ field: "priceCents", severity: "warning" }),
    ]);
    // saved = today − 5 → +5 (the critical line)
    const crowded = await verify(asin, { fbaCount: fba - 5 });
    expect(crowded.body.verdict).toBe("AVOID");
    expect(crowded.body.changes as Change[]).toEqual([
      expect.objectContaining({ field: "fbaCount", severity: "critical", delta: 5 }),
    ]);
    expect(crowded.body.message).toMatch(/^Do not buy: \d+ FBA offers in used_good today/);
  });

  it("Amazon now selling on the listing: AVOID even when every saved number holds", async () => {
    const asin = specials.amazonPresent;
    const now = await truth(asin);
    expect(now.amazonOnListing).toBe(true);
    const saved = { bsr: need(now.bsr, "rank"), ...(now.sellPriceCents ? { priceCents: now.sellPriceCents } : {}) };
    const result = await verify(asin, saved);
    expect(result.status).toBe(200);
    expect(result.body.verdict).toBe("AVOID");
    expect(result.body.changes as Change[]).toEqual([
      expect.objectContaining({ field: "amazonSelling", saved: null, now: true, severity: "critical" }),
    ]);
    expect(result.body.today as Today).toMatchObject({ amazonSelling: true });
    expect((result.body.score as Score).recommendation).toBe("SKIP");
    expect(result.body.message).toMatch(/^Do not buy: Amazon sells on this listing now/);
  });

  it("a product Keepa does not know: 404 problem; only Keepa's 1-token stub was charged, nothing left reserved", async () => {
    const before = sim.sim.state().consumed;
    const asin = specials.unknownAsin;
    const request = new Request(`http://localhost/api/v1/products/${asin}/verify`, {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ bsr: 1000 }),
    });
    const context = fakeContext();
    const response = await door(asin).serve(request, context);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toContain(`Keepa has no data for ${asin}`);
    expect(problem.detail).toContain("nothing to verify");
    expect(sim.sim.state().consumed - before).toBe(1);
    await context.settled(); // the release runs after the response
    const status = await testRuntime().ledger.status();
    expect(status.reservations).toEqual([]);
  });

  it("a Keepa outage is answered by the shared problem table (502, reason server), nothing charged", async () => {
    sim.sim.setFaults({ failNext: 10, status: 500, endpoints: ["product"] });
    try {
      const result = await verify(specials.crowdedUsedFba, { bsr: 1000 });
      expect(result.status).toBe(502);
      expect(result.body).toMatchObject({ reason: "keepa_server", action: "verify_purchase" });
      expect(result.spent).toBe(0);
    } finally {
      sim.sim.clearFaults();
    }
  });

  it("a low balance answers 429 with Retry-After and X-Token-Required 12", async () => {
    sim.sim.setBalance(5);
    try {
      const result = await verify(specials.crowdedUsedFba, { bsr: 1000 });
      expect(result.status).toBe(429);
      expect(result.headers.get("retry-after")).not.toBeNull();
      expect(result.headers.get("x-token-required")).toBe("12");
      expect(result.headers.get("x-token-balance")).toBe("0");
      expect(result.body).toMatchObject({ action: "verify_purchase", reason: "insufficient" });
    } finally {
      sim.sim.setBalance(1200);
    }
  });

  it("a budget below the live offers' 12 cannot verify: 422 before any reservation or Keepa request", async () => {
    const runtime = testRuntime({ vars: { TOKEN_COSTS_OVERRIDE: '{"verify_purchase":{"cost":11}}' } });
    const logBefore = sim.sim.getLog().length;
    const asin = specials.crowdedUsedFba;
    const result = await call(sim, door(asin), `/api/v1/products/${asin}/verify`, {
      method: "POST",
      body: { bsr: 1000 },
      runtime,
    });
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ reason: "plan_exceeds_budget", budget: 11, required: 12 });
    expect(result.headers.get("x-token-required")).toBe("12");
    expect(sim.sim.getLog().length).toBe(logBefore);
  });

  it.each([
    ["12345", { bsr: 10 }, "asin", "expected an ASIN"],
    ["0306406153", { bsr: 10 }, "asin", "check digit"],
    ["9780306406150", { bsr: 10 }, "asin", "check digit"],
    ["0306406152", {}, "priceCents", "at least one saved number"],
    ["0306406152", { strategy: "textbooks" }, "priceCents", "at least one saved number"],
    ["0306406152", { priceCents: -5 }, "priceCents", "between 1 and"],
    ["0306406152", { priceCents: 12.5 }, "priceCents", "whole number of cents"],
    ["0306406152", { bsr: "1000" }, "bsr", "whole number"],
    ["0306406152", { fbaCount: null }, "fbaCount", "whole number"],
    ["0306406152", { bsr: 10, sellCondition: "mint" }, "sellCondition", "used_good"],
    ["0306406152", { bsr: 10, costModel: { model: "flatCents" } }, "costModel.cents", ""],
    ["0306406152", { bsr: 10, saved_price: 12 }, "(root)", "saved_price"],
  ])("bad input %s %j → 400 on %s, nothing sent to Keepa", async (asin, body, field, text) => {
    const logBefore = sim.sim.getLog().length;
    const result = await verify(asin, body);
    expect(result.status).toBe(400);
    expect(
      (result.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message,
    ).toContain(text);
    expect(sim.sim.getLog().length).toBe(logBefore);
  });
});
