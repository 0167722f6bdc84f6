import { describe, expect, it } from "vitest";
import { call, ENVELOPE_KEYS, MINUTE, startSim, useSim } from "./helpers.ts";

const sim = await useSim();

const product = (asin: string) => call(sim, "/product", { domain: 1, asin });

describe("token envelope and admission", () => {
  it("/token is free, always 200, and carries the envelope in Keepa's key order", async () => {
    sim.sim.setBalance(-30);
    const { status, body } = await call(sim, "/token");
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(ENVELOPE_KEYS);
    expect(body).toEqual({
      timestamp: sim.sim.now(),
      tokensLeft: -30,
      refillIn: 60_000,
      refillRate: 20,
      tokenFlowReduction: 0,
      tokensConsumed: 0,
      processingTimeInMs: 0,
    });
  });

  it("admits every request while the balance is positive, down to 1", async () => {
    sim.sim.setBalance(3);
    const asin = sim.sim.catalogue.specials.amazonPresent;
    for (const expected of [2, 1, 0]) {
      const { status, body } = await product(asin);
      expect(status).toBe(200);
      expect(body.tokensLeft).toBe(expected);
    }
    const refused = await product(asin);
    expect(refused.status).toBe(429);
  });

  it("429 carries the full envelope with tokensConsumed 0 and leaves the state unchanged", async () => {
    sim.sim.setBalance(0);
    sim.sim.advance(12_000);
    const before = sim.sim.state();
    const { status, body } = await product(sim.sim.catalogue.specials.amazonPresent);
    expect(status).toBe(429);
    expect(Object.keys(body).slice(0, 7)).toEqual(ENVELOPE_KEYS);
    expect(body).toMatchObject({
      tokensLeft: 0,
      refillIn: 48_000,
      refillRate: 20,
      tokensConsumed: 0,
      processingTimeInMs: 0,
    });
    const after = sim.sim.state();
    expect(after.balance).toBe(before.balance);
    expect(after.consumed).toBe(before.consumed);
    expect(after.rejected429).toBe(before.rejected429 + 1);
  });

  it("recovers exactly refillIn + floor(D/rate)·60s after a deficit D", async () => {
    sim.sim.setBalance(1);
    sim.sim.advance(17_000);
    const charged = await call(sim, "/bestsellers", { domain: 1, category: 283155 });
    expect(charged.body).toMatchObject({ tokensConsumed: 50, tokensLeft: -49, refillIn: 43_000 });
    const refused = await product(sim.sim.catalogue.specials.amazonPresent);
    expect(refused.status).toBe(429);
    const wait = refused.body.refillIn + Math.floor(49 / 20) * MINUTE;
    expect(wait).toBe(163_000);
    sim.sim.advance(wait - 1);
    expect((await product(sim.sim.catalogue.specials.amazonPresent)).status).toBe(429);
    sim.sim.advance(1);
    const admitted = await product(sim.sim.catalogue.specials.amazonPresent);
    expect(admitted.status).toBe(200);
    expect(admitted.body.tokensLeft).toBe(10);
  });

  it("never reports more than 60 × refillRate tokens", async () => {
    sim.sim.advance(600 * MINUTE);
    const { body } = await call(sim, "/token");
    expect(body.tokensLeft).toBe(1200);
    expect(body.tokensLeft).toBeLessThanOrEqual(60 * body.refillRate);
  });

  it("Σ tokensConsumed equals the balance drop net of refills", async () => {
    const start = sim.sim.state().balance;
    let consumed = 0;
    const asins = sim.sim.catalogue.entries.slice(0, 30).map((e) => e.asin);
    for (let i = 0; i < 6; i++) {
      consumed += (await call(sim, "/product", { domain: 1, asin: asins.slice(i * 5, i * 5 + 5).join(",") })).body
        .tokensConsumed;
      consumed += (await call(sim, "/bestsellers", { domain: 1, category: 4736 })).body.tokensConsumed;
      sim.sim.advance(25_000);
    }
    const state = sim.sim.state();
    expect(consumed).toBe(330);
    expect(state.consumed).toBe(330);
    expect(start - state.balance + state.refilled).toBe(consumed);
    expect(state.refilled).toBe(40);
  });

  it("with rate 0 the balance never rises", async () => {
    sim.sim.reset({ rate: 0 });
    sim.sim.setBalance(-5);
    sim.sim.advance(24 * 60 * MINUTE);
    const { body } = await call(sim, "/token");
    expect(body).toMatchObject({ tokensLeft: -5, refillRate: 0 });
    expect((await product(sim.sim.catalogue.specials.amazonPresent)).status).toBe(429);
  });

  it("concurrent requests admitted at balance 1 are all charged (balance goes negative)", async () => {
    // A latency far above scheduling jitter, so all five are admitted before the first one completes.
    const slow = await startSim({ latencyMs: { product: 1500 } });
    try {
      slow.sim.setBalance(1);
      const asin = slow.sim.catalogue.specials.amazonPresent;
      const results = await Promise.all(Array.from({ length: 5 }, () => call(slow, "/product", { domain: 1, asin })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.map((r) => r.body.tokensConsumed)).toEqual([1, 1, 1, 1, 1]);
      expect(slow.sim.state().balance).toBe(-4);
      expect(slow.sim.state().minBalance).toBe(-4);
      expect(Math.min(...results.map((r) => r.body.tokensLeft))).toBe(-4);
    } finally {
      await slow.close();
    }
  });

  it("chargeAt: admit charges before the latency elapses", async () => {
    const admit = await startSim({ latencyMs: { product: 1500 }, chargeAt: "admit" });
    try {
      let answered = false;
      const pending = call(admit, "/product", { domain: 1, asin: admit.sim.catalogue.specials.amazonPresent }).finally(
        () => (answered = true),
      );
      // Poll instead of a fixed sleep, which a loaded machine can outrun; the 1.5 s latency leaves ample room.
      for (let i = 0; i < 100 && admit.sim.state().balance !== 1199; i++) await new Promise((r) => setTimeout(r, 10));
      expect(admit.sim.state().balance).toBe(1199);
      expect(answered).toBe(false);
      expect((await pending).body.tokensLeft).toBe(1199);
    } finally {
      await admit.close();
    }
  });
});

describe("errors", () => {
  it("402 for a missing or unknown key, with envelope fields and error", async () => {
    for (const key of ["", "not-a-key"]) {
      const res = await fetch(`${sim.url}/product?key=${key}&domain=1&asin=0000000000`);
      const body = (await res.json()) as Record<string, unknown>;
      expect(res.status).toBe(402);
      expect(Object.keys(body)).toEqual([...ENVELOPE_KEYS, "error"]);
      expect(body).toMatchObject({
        tokensConsumed: 0,
        error: { type: "paymentRequired", message: "Invalid api key", details: null },
      });
    }
    expect(sim.sim.state().consumed).toBe(0);
  });

  it("400 with error {type, message, details} and no charge for invalid parameters", async () => {
    const cases: [string, Record<string, string | number>, string][] = [
      [
        "/product",
        { domain: 1, asin: Array.from({ length: 101 }, (_, i) => String(i).padStart(10, "0")).join(",") },
        "asin",
      ],
      ["/product", { domain: 1, asin: "0000000000", code: "9780000000002" }, "asin"],
      ["/product", { domain: 1, asin: "0000000000", offers: 10 }, "offers"],
      ["/product", { domain: 1, asin: "0000000000", offers: 101 }, "offers"],
      ["/product", { domain: 7, asin: "0000000000" }, "domain"],
      ["/bestsellers", { domain: 12, category: 283155 }, "domain"],
      ["/query", { domain: 1, selection: "{not json" }, "selection"],
      ["/query", { domain: 1, selection: JSON.stringify({ perPage: 49 }) }, "perPage"],
      ["/query", { domain: 1, selection: JSON.stringify({ perPage: 100, page: 101 }) }, "page"],
      ["/search", { domain: 1, type: "category", term: "to be" }, "term"],
      ["/deal", { selection: JSON.stringify({ domainId: 1, priceTypes: [1], dateRange: "7" }) }, "dateRange"],
    ];
    for (const [path, params, details] of cases) {
      const { status, body } = await call(sim, path, params);
      expect(status, `${path} ${details}`).toBe(400);
      expect(body.tokensConsumed).toBe(0);
      expect(body.error).toMatchObject({ type: "invalidParameter", details });
      expect(typeof (body.error as { message: unknown }).message).toBe("string");
    }
    expect(sim.sim.state()).toMatchObject({ balance: 1200, consumed: 0 });
  });

  it("404 for unknown paths, without charge", async () => {
    const { status, body } = await call(sim, "/finder", { domain: 1 });
    expect(status).toBe(404);
    expect(body).toMatchObject({ tokensConsumed: 0, tokensLeft: 1200, error: { type: "notFound" } });
  });
});
