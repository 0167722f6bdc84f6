import { describe, expect, it, vi } from "vitest";
import keepaTest from "../../netlify/functions/keepa-test.mts";
import categories from "../../netlify/functions/products-categories.mts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { startSimulator, useSimulator } from "../helpers/simulator.ts";

type Score = {
  asin: string;
  verified: boolean;
  provisional: boolean;
  sellPrice: { condition: string; live: boolean; landed: boolean } | null;
  competition: { live: boolean; scope: string };
  recommendation: string;
  roiPercent: number | null;
  buyPriceCents: number | null;
  sellPriceCents: number | null;
  dataQuality: string;
};

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

describe("GET /api/v1/keepa/test (product_lookup)", () => {
  const book = () => {
    const entry = sim.sim.catalogue.entries.find(
      (e) => e.productType === 0 && e.salesRank > 0 && e.newPrice > 0 && e.eanList,
    );
    if (!entry?.eanList?.[0]) throw new Error("no book with an EAN in the catalogue");
    return { asin: entry.asin, ean: entry.eanList[0] };
  };

  it("an ASIN: verified with live offers (12 reserved, Keepa's page cost spent); again or by ISBN-13 for 0", async () => {
    const { asin, ean } = book();
    const first = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${asin}`);
    expect(first.status).toBe(200);
    // offers=20 is charged 6 per page of 10 offers found, 5 when there are none.
    expect([5, 6, 12]).toContain(first.spent);
    expect(first.body).toMatchObject({ found: true, source: "keepa", identifier: { kind: "asin", asin } });
    expect(first.body.tokens).toMatchObject({ action: "product_lookup", reserved: 12, spent: first.spent });
    const score = first.body.score as Score;
    expect(score).toMatchObject({ asin, verified: true, provisional: false, competition: { live: true } });
    if (score.sellPrice) expect(score.sellPrice).toMatchObject({ condition: "used_good", landed: true, live: true });

    const again = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${asin}`);
    expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(again.body).toMatchObject({ source: "cache", tokens: { reserved: 0, cacheHits: { products: 1 } } });

    const hyphenated = `${ean.slice(0, 3)}-${ean.slice(3)}`;
    const byIsbn = await call(sim, keepaTest, `/api/v1/keepa/test?identifier=${hyphenated}`);
    expect(byIsbn).toMatchObject({ status: 200, spent: 0 });
    expect(byIsbn.body).toMatchObject({ identifier: { kind: "isbn13", asin }, source: "cache" });
  });

  it("verify=false: the 1-token screen, provisional; asking to verify it afterwards buys the offers", async () => {
    const entry = sim.sim.catalogue.entries.filter((e) => e.productType === 0 && e.salesRank > 0)[7];
    if (!entry) throw new Error("no book");
    const screen = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${entry.asin}&verify=false`);
    expect(screen).toMatchObject({ status: 200, spent: 1 });
    expect(screen.body.score as Score).toMatchObject({
      verified: false,
      provisional: true,
      competition: { live: false },
    });
    expect((screen.body.score as Score).recommendation).not.toBe("STRONG_BUY");
    const cached = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${entry.asin}&verify=false`);
    expect(cached).toMatchObject({ status: 200, spent: 0 });
    const verified = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${entry.asin}`);
    expect(verified.status).toBe(200);
    expect(verified.spent).toBeGreaterThanOrEqual(5);
    expect(verified.body.score as Score).toMatchObject({ verified: true });
  });

  it("an unknown ASIN: found false (Keepa's 1-token stub), data quality unavailable, SKIP", async () => {
    const result = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${sim.sim.catalogue.specials.unknownAsin}`);
    expect(result.status).toBe(200);
    expect(result.spent).toBe(1);
    expect(result.body.found).toBe(false);
    const score = result.body.score as Score | null;
    expect(score, "the stub is still scored, so the caller sees why it is a SKIP").not.toBeNull();
    expect(score).toMatchObject({ recommendation: "SKIP", dataQuality: "unavailable" });
  });

  it("a 979 ISBN-13 is looked up as a code limited to one product (1 token screened); a repeat is served from cache", async () => {
    // The simulator's books all carry 978 EANs: give one of them a 979 code for this test.
    const { asin } = book();
    const code = "9791234567896";
    const byCode = sim.sim.catalogue.byCode.bind(sim.sim.catalogue);
    const target = sim.sim.catalogue.get(asin);
    if (!target) throw new Error("book vanished from the catalogue");
    const spy = vi.spyOn(sim.sim.catalogue, "byCode").mockImplementation((c) => (c === code ? [target] : byCode(c)));
    try {
      const first = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${code}&verify=false`);
      expect(first).toMatchObject({ status: 200, spent: 1, requests: 1 });
      expect(first.body).toMatchObject({
        found: true,
        source: "keepa",
        identifier: { kind: "code", input: code, asin },
        product: { asin },
      });
      expect((first.body.score as Score).asin).toBe(asin);

      const again = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${code}&verify=false`);
      expect(again).toMatchObject({ status: 200, spent: 0, requests: 0 });
      expect(again.body).toMatchObject({
        found: true,
        source: "cache",
        identifier: { kind: "code", asin },
        product: { asin },
      });
      expect(again.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { products: 1 } });
    } finally {
      spy.mockRestore();
    }
  });

  it("a 979 ISBN-13 Keepa does not know: found false, no product, nothing charged", async () => {
    const result = await call(sim, keepaTest, "/api/v1/keepa/test?asin=9791234567896");
    expect(result.status).toBe(200);
    expect(result.spent).toBe(0);
    expect(result.body).toMatchObject({
      found: false,
      product: null,
      score: null,
      identifier: { kind: "code", asin: null },
    });
  });

  it.each([
    ["asin=0306406153", "asin", "check digit"],
    ["asin=12345", "asin", "expected an ASIN"],
    ["asin=9780306406150", "asin", "check digit"],
    ["", "asin", "required"],
    ["asin=B000000000&strategy=x", "strategy", "strategy must be one of"],
    ["asin=B000000000&sellCondition=mint", "sellCondition", "used_good"],
    ["asin=B000000000&costModel=%7B%22model%22%3A%22flatCents%22%7D", "costModel.cents", ""],
    // The original's snake_case names are deprecated aliases: still read, reported under the documented name.
    ["asin=B000000000&sell_condition=mint", "sellCondition", "used_good"],
    ["asin=B000000000&cost_model=%7B%22model%22%3A%22flatCents%22%7D", "costModel.cents", ""],
    ["asin=B000000000&sellCondition=new&sell_condition=new", "(root)", "sell_condition"],
  ])("bad input ?%s → 400 on %s, nothing sent to Keepa", async (qs, field, text) => {
    const logBefore = sim.sim.getLog().length;
    const result = await call(sim, keepaTest, `/api/v1/keepa/test?${qs}`);
    expect(result.status).toBe(400);
    expect(
      (result.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message,
    ).toContain(text);
    expect(sim.sim.getLog().length).toBe(logBefore);
  });

  it("a low balance answers 429 with Retry-After and the X-Token headers", async () => {
    sim.sim.setBalance(5);
    try {
      const result = await call(sim, keepaTest, `/api/v1/keepa/test?asin=${sim.sim.catalogue.entries[3]?.asin}`);
      expect(result.status).toBe(429);
      expect(result.headers.get("retry-after")).not.toBeNull();
      expect(result.headers.get("x-token-required")).toBe("12");
      expect(result.headers.get("x-token-balance")).toBe("0");
    } finally {
      sim.sim.setBalance(1200);
    }
  });
});

describe("GET /api/v1/products/categories", () => {
  it("lists the supported categories for 0 tokens and no Keepa request", async () => {
    const sim = await startSimulator(FUNCTIONS_SIMULATOR);
    try {
      const result = await call(sim, categories, "/api/v1/products/categories");
      expect(result).toMatchObject({ status: 200, spent: 0, requests: 0 });
      const list = result.body.items as { id: number; name: string; key: string }[];
      expect(list.find((c) => c.id === 283155)).toMatchObject({ name: "Books", key: "books" });
      expect(list.length).toBeGreaterThan(10);
      expect(result.body).toMatchObject({ limit: 50, nextCursor: null });
      expect(sim.sim.getLog()).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  it("a cursor walk returns each category exactly once, in id order; a foreign cursor is a 400", async () => {
    const sim = await startSimulator(FUNCTIONS_SIMULATOR);
    try {
      const all = (await call(sim, categories, "/api/v1/products/categories?limit=100")).body.items as { id: number }[];
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const qs: string = cursor === null ? "limit=4" : `limit=4&cursor=${encodeURIComponent(cursor)}`;
        const result = await call(sim, categories, `/api/v1/products/categories?${qs}`);
        expect(result.status).toBe(200);
        const items = result.body.items as { id: number }[];
        expect(items.length).toBeLessThanOrEqual(4);
        seen.push(...items.map((c) => c.id));
        cursor = result.body.nextCursor as string | null;
      } while (cursor !== null);
      expect(seen).toEqual(all.map((c) => c.id));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(seen.length);
      const bad = await call(sim, categories, "/api/v1/products/categories?cursor=zzz");
      expect(bad.status).toBe(400);
    } finally {
      await sim.close();
    }
  });
});
