import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEEPA_KEY } from "../../dev/keepa-simulator/server.ts";
import { startSimulator } from "../helpers/simulator.ts";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { SHARED_EAN } from "../../dev/keepa-simulator/catalogue.ts";
import { createKeepaClient } from "../../src/keepa/client.ts";
import type { KeepaClient } from "../../src/keepa/client.ts";
import { normalizeProduct } from "../../src/keepa/normalize.ts";
import type { KeepaExchange } from "../../src/keepa/types.ts";
import { recordingMeter } from "./helpers/meter.ts";
import type { RecordingMeter } from "./helpers/meter.ts";

describe("client against the Keepa simulator", () => {
  let running: RunningSimulator;
  let meter: RecordingMeter;
  let client: KeepaClient;

  beforeAll(async () => {
    running = await startSimulator({ seed: 7, catalogueSize: 300 });
    meter = recordingMeter();
    client = createKeepaClient({ apiKey: DEV_KEEPA_KEY, baseUrl: running.url, meter, retry: { limit: 0 } });
  });
  afterAll(async () => {
    await running?.close();
  });

  /** Every settled exchange carries a full envelope and an estimate that bounds what was charged. */
  function checkLast(endpoint: KeepaExchange["endpoint"]): KeepaExchange {
    const exchange = meter.settles.at(-1)!;
    expect(exchange.endpoint).toBe(endpoint);
    expect(exchange.status).toBe(200);
    expect(exchange.error).toBeUndefined();
    expect(exchange.maybeCharged).toBe(false);
    const envelope = exchange.envelope!;
    for (const field of ["timestamp", "tokensLeft", "refillIn", "refillRate", "tokensConsumed"] as const) {
      expect(envelope[field], field).toBeTypeOf("number");
    }
    expect(exchange.estimate).toBeGreaterThanOrEqual(envelope.tokensConsumed!);
    return exchange;
  }

  it("token", async () => {
    const status = await client.tokenStatus();
    expect(status.envelope.refillRate).toBe(20);
    expect(status.envelope.tokensLeft).toBeGreaterThan(0);
    expect(checkLast("token").envelope!.tokensConsumed).toBe(0);
  });

  it("product by ASIN, with stats, normalized", async () => {
    const { entries, specials } = running.sim.catalogue;
    const asins = [
      ...entries.slice(0, 5).map((e) => e.asin),
      specials.unknownAsin,
      specials.noSalesRank,
      specials.ebook,
    ];
    const result = await client.products({ domain: 1, asins, stats: 90, rating: true });
    expect(result.products.length).toBeGreaterThanOrEqual(asins.length - 1);
    for (const product of result.products) {
      const normalized = normalizeProduct(product, { now: running.sim.now() });
      expect(normalized.asin).toBe(product.asin);
    }
    const first = normalizeProduct(result.byAsin.get(entries[0]!.asin)!, { now: running.sim.now() });
    expect(first.categoryTree.length).toBeGreaterThan(0);
    checkLast("product");
  });

  it("product with offers", async () => {
    const { entries } = running.sim.catalogue;
    const result = await client.products({
      domain: 1,
      asins: entries.slice(10, 13).map((e) => e.asin),
      offers: 20,
      stats: 30,
    });
    expect(result.products).toHaveLength(3);
    checkLast("product");
  });

  it("product by code (code-limit bounds the estimate)", async () => {
    const result = await client.products({ domain: 1, codes: [SHARED_EAN] });
    expect(result.products.length).toBeGreaterThan(0);
    expect(result.products.length).toBeLessThanOrEqual(10);
    checkLast("product");
  });

  it("query", async () => {
    const result = await client.query({ domain: 1, selection: { rootCategory: 283155, perPage: 50 } });
    expect(result.asinList.length).toBeGreaterThan(0);
    expect(result.asinList.length).toBeLessThanOrEqual(50);
    checkLast("query");
  });

  it("bestsellers", async () => {
    const result = await client.bestsellers({ domain: 1, category: 283155 });
    expect(result.asinList.length).toBeGreaterThan(0);
    checkLast("bestsellers");
  });

  it("category, with parents", async () => {
    const result = await client.categories({ domain: 1, ids: [4747], parents: true });
    expect(result.categories["4747"]?.name).toBe("Stress Management");
    checkLast("category");
  });

  it("category search", async () => {
    const result = await client.searchCategories({ domain: 1, term: "stress management" });
    expect(Object.values(result.categories).map((c) => c.catId)).toContain(4747);
    checkLast("search");
  });

  it("deal", async () => {
    const result = await client.deals({ domain: 1, selection: { priceTypes: [0] } });
    expect(Array.isArray(result.deals)).toBe(true);
    checkLast("deal");
  });

  it("a 429 from the simulator is settled with its envelope and not retried", async () => {
    const before = running.sim.state().requests;
    running.sim.setBalance(0);
    const error = await client.bestsellers({ domain: 1, category: 283155 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_enough_tokens", status: 429 });
    expect(running.sim.state().requests - before).toBe(1);
    expect(meter.settles.at(-1)).toMatchObject({
      status: 429,
      maybeCharged: false,
      envelope: { tokensLeft: 0, tokensConsumed: 0 },
    });
  });

  it("the meter saw exactly what the simulator charged", async () => {
    const res = await fetch(`${running.url}/__sim/state?key=${DEV_KEEPA_KEY}`);
    const state = (await res.json()) as { consumed: number };
    const settled = meter.settles.reduce((sum, s) => sum + (s.envelope?.tokensConsumed ?? 0), 0);
    expect(state.consumed).toBe(settled);
    expect(meter.calls.filter((c) => c === "admit")).toHaveLength(meter.settles.length);
  });
});
