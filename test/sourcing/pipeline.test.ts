import { describe, expect, it } from "vitest";
import { KeepaBudgetError, KeepaTransportError } from "../../src/keepa/errors/index.ts";
import type { KeepaClient } from "../../src/keepa/client.ts";
import type { KeepaProduct } from "../../src/keepa/schemas/product.ts";
import type { NormalizedProduct } from "../../src/keepa/normalize/types.ts";
import { SourcingCache } from "../../src/sourcing/cache/sourcing-cache.ts";
import { finderSelection } from "../../src/sourcing/discovery/selection.ts";
import { pickProducts } from "../../src/sourcing/pipeline/pick.ts";
import { prepareRun } from "../../src/sourcing/pipeline/prepare.ts";
import { executeRun } from "../../src/sourcing/pipeline/run.ts";
import type { SourcingRuntime } from "../../src/sourcing/pipeline/types.ts";
import { testRedis } from "../helpers/runtime.ts";

let n = 0;
const cache = () =>
  new SourcingCache({
    redis: testRedis(),
    prefix: `${process.env.LEDGER_PREFIX}:pipe${++n}`,
    productTtlSeconds: 60,
    discoveryTtlSeconds: 60,
  });
const asins = (letter: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${letter}${String(i).padStart(9, "0")}`);
const rawProduct = (asin: string): KeepaProduct =>
  ({
    asin,
    domainId: 1,
    productType: 0,
    title: `Book ${asin}`,
    stats: { current: [-1, 2500, 1200, 50_000] },
  }) as unknown as KeepaProduct;
const normalized = (asin: string) => ({ asin }) as NormalizedProduct;

describe("pickProducts", () => {
  it("takes the best-ranked, skips ASINs another slot took, spends the allowance only on uncached ones", () => {
    const known = new Map([["C", normalized("C")]]);
    const picks = pickProducts(
      [
        ["A", "B", "C"],
        ["B", "C", "D", "E"],
      ],
      2,
      known,
      3,
    );
    expect(picks.bySlot).toEqual([
      ["A", "B"],
      ["C", "D"],
    ]);
    expect(picks.toFetch).toEqual(["A", "B", "D"]);
  });

  it("with the allowance spent, cached products still fill the slot for free", () => {
    const known = new Map([["Z", normalized("Z")]]);
    expect(pickProducts([["X", "Y", "Z"]], 2, known, 1)).toEqual({ bySlot: [["X", "Z"]], toFetch: ["X"] });
  });
});

describe("finderSelection", () => {
  it("Books root plus subjects in categories_include, ranges on SALES and NEW, Amazon left out, sorted by rank", () => {
    expect(
      finderSelection({ categoryIds: [283155, 173514], bsr: { min: 10, max: 20 }, priceCents: { max: 5000 } }),
    ).toEqual({
      rootCategory: 283155,
      categories_include: [173514],
      current_SALES_gte: 10,
      current_SALES_lte: 20,
      current_NEW_lte: 5000,
      current_AMAZON_lte: -1,
      sort: [["current_SALES", "asc"]],
      page: 0,
      perPage: 100,
    });
  });
});

describe("executeRun cuts", () => {
  const slots = [{ id: "s", selection: finderSelection({ categoryIds: [] }) }];

  it("a budget refusal on /product keeps the chunks already paid for and says partial", async () => {
    const list = asins("A", 20);
    const keepa = {
      query: async () => ({ asinList: list, totalResults: 20, perPage: 100, envelope: {}, receivedAt: 0 }),
      products: async () => {
        const first = rawProduct(list[0] as string);
        const partial = {
          products: [first],
          byAsin: new Map([[first.asin, first]]),
          missing: [],
          tokensConsumed: 1,
          chunks: [],
          envelope: {},
          receivedAt: 0,
        };
        const error = new KeepaBudgetError("no budget", { endpoint: "product", partial });
        throw error;
      },
    } as unknown as KeepaClient;
    const c = cache();
    const prepared = await prepareRun({ cache: c, domain: 1, slots, budget: 30, perSlot: { max: 5, min: 1 } });
    const runtime: SourcingRuntime = { keepa, cache: c, domain: 1, remaining: () => 30 };
    const result = await executeRun(runtime, prepared);
    expect(result.partial).toBe(true);
    expect(result.cuts[0]).toMatchObject({ reason: "budget", step: "details" });
    expect(result.slots[0]?.products.map((p) => p.asin)).toEqual([list[0]]);
    expect(result.slots[0]?.notFetched).toHaveLength(4);
    expect((await c.getProducts(1, [list[0] as string])).size).toBe(1);
  });

  it("a deadline refusal before the query answers partial with nothing bought", async () => {
    const keepa = {
      query: async () => {
        throw new KeepaTransportError("timeout", "deadline too close", { endpoint: "query", sent: false });
      },
      products: async () => {
        throw new Error("must not be called");
      },
    } as unknown as KeepaClient;
    const c = cache();
    const prepared = await prepareRun({ cache: c, domain: 1, slots, budget: 30, perSlot: { max: 5, min: 1 } });
    const result = await executeRun({ keepa, cache: c, domain: 1, remaining: () => 30 }, prepared);
    expect(result).toMatchObject({ partial: true, cuts: [{ reason: "deadline", step: "discovery" }] });
    expect(result.slots[0]).toMatchObject({ discovery: "failed", products: [] });
  });
});
