import { describe, expect, it } from "vitest";
import type { KeepaClient } from "../../src/keepa/client.ts";
import { CSV } from "../../src/keepa/csv.ts";
import type { KeepaProduct } from "../../src/keepa/schemas/product.ts";
import { keepaMinutesToMs } from "../../src/keepa/time.ts";
import { SourcingCache } from "../../src/sourcing/cache/sourcing-cache.ts";
import { fetchOne } from "../../src/sourcing/index.ts";
import { testRedis } from "../helpers/runtime.ts";

// A rank known only from its last csv point, set at Keepa minute 6_000_000 (2021): "current" for 24 h after that.
const RANK_MINUTE = 6_000_000;
const csv: number[][] = [];
csv[CSV.SALES] = [RANK_MINUTE, 12_345];
const raw = { asin: "0306406152", domainId: 1, productType: 0, title: "Clocked", csv } as unknown as KeepaProduct;
const keepa = { products: async () => ({ products: [raw] }) } as unknown as KeepaClient;
const cache = () =>
  new SourcingCache({
    redis: testRedis(),
    prefix: `${process.env.LEDGER_PREFIX}:lookup${Date.now()}`,
    productTtlSeconds: 60,
    discoveryTtlSeconds: 60,
  });

describe("keepa/test fetchOne", () => {
  it("normalizes with the runtime's clock, not the wall clock", async () => {
    const now = () => keepaMinutesToMs(RANK_MINUTE) + 60 * 60 * 1000;
    const runtime = { keepa, cache: cache(), domain: 1, remaining: () => 1, now };
    const { product } = await fetchOne(runtime, { kind: "asin", input: raw.asin, asin: raw.asin });
    // By the wall clock this 2021 point is years old and the rank would be unknown.
    expect(product?.bsr).toMatchObject({ rank: 12_345, source: "csv.recent" });
  });

  it("caches a code's ASIN next to the product, so the code resolves without Keepa", async () => {
    const c = cache();
    await fetchOne(
      { keepa, cache: c, domain: 1, remaining: () => 1 },
      { kind: "code", input: "9791234567896", code: "9791234567896" },
    );
    expect(await c.getCodeAsin(1, "9791234567896")).toBe(raw.asin);
    expect(await c.getCodeAsin(2, "9791234567896")).toBeUndefined();
  });
});
