// The token views through their doors: the ledger's status, and the dashboard's two lists as keyset pages.
import { describe, expect, it } from "vitest";
import keepaStatus from "../../netlify/functions/keepa-status.mts";
import tokens from "../../netlify/functions/tokens.mts";
import tokensHistory from "../../netlify/functions/tokens-history.mts";
import tokensRequests from "../../netlify/functions/tokens-requests.mts";
import type { EndpointHandler } from "../../src/app/index.ts";
import { recordActivity, recordBalance } from "../../src/tokens/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { AUTH } from "../helpers/simulator.ts";
import { FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";

await useSimulator(FUNCTIONS_SIMULATOR);

async function get(door: EndpointHandler<never>, path: string) {
  const response = await door.serve(new Request(`http://localhost${path}`, { headers: AUTH }), fakeContext());
  return { status: response.status, body: (await json(response)) as Record<string, unknown> };
}

/** Every page of a list, following `nextCursor` until it is null. */
async function walk(door: EndpointHandler<never>, path: string, limit: number) {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const sep = path.includes("?") ? "&" : "?";
    const next: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const page = await get(door, `${path}${sep}limit=${limit}${next}`);
    expect(page.status).toBe(200);
    const items = page.body.items as Record<string, unknown>[];
    expect(items.length).toBeLessThanOrEqual(limit);
    expect(page.body.limit).toBe(limit);
    rows.push(...items);
    cursor = page.body.nextCursor as string | null;
    if (cursor === null) return rows;
  }
  throw new Error("the walk did not end");
}

describe("GET /api/v1/tokens and /api/v1/keepa/status", () => {
  it("answer the ledger's view, learning the balance through the free /token", async () => {
    for (const [door, path] of [
      [tokens, "/api/v1/tokens"],
      [keepaStatus, "/api/v1/keepa/status"],
    ] as const) {
      const answer = await get(door as EndpointHandler<never>, path);
      expect(answer.status, path).toBe(200);
      expect(answer.body).toMatchObject({ known: true, balance: { capacity: expect.any(Number) } });
    }
  });
});

describe("GET /api/v1/tokens/requests and /api/v1/tokens/history (keyset pages)", () => {
  it("a cursor walk returns each request exactly once, newest first, even when two share a time", async () => {
    const { redis, config } = testRuntime();
    const base = Date.parse("2026-12-01T10:00:00.000Z");
    for (let i = 0; i < 13; i++) {
      // Pairs share an instant: the id breaks the tie, so no page repeats or skips one.
      const at = new Date(base + Math.floor(i / 2) * 1000).toISOString();
      const entry = { at, fn: "keepa-test", action: "product_lookup", status: 200, reason: null, reserved: 12 };
      await recordActivity(
        redis,
        config.LEDGER_PREFIX,
        { ...entry, spent: i, released: 0, balance: 50, durationMs: 3 },
        null,
      );
    }
    const rows = await walk(tokensRequests as EndpointHandler<never>, "/api/v1/tokens/requests", 4);
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map((r) => r.id)).size).toBe(13);
    expect(rows.map((r) => r.spent).sort((a, b) => Number(a) - Number(b))).toEqual([...Array(13).keys()]);
    const times = rows.map((r) => String(r.at));
    expect(times).toEqual([...times].sort().reverse());
    const bad = await get(tokensRequests as EndpointHandler<never>, "/api/v1/tokens/requests?cursor=nope");
    expect(bad.status).toBe(400);
  });

  it("balance samples: each exactly once, oldest first, within the window", async () => {
    const { redis, config, now } = testRuntime();
    const start = now() - 30 * 60_000;
    for (let i = 0; i < 11; i++) await recordBalance(redis, config.LEDGER_PREFIX, start + i * 60_000, 100 + i);
    const rows = await walk(tokensHistory as EndpointHandler<never>, "/api/v1/tokens/history?minutes=60", 3);
    expect(rows.map((r) => r.available)).toEqual([...Array(11).keys()].map((i) => 100 + i));
    const recent = await get(tokensHistory as EndpointHandler<never>, "/api/v1/tokens/history?minutes=5");
    expect(recent.body.items).toEqual([]);
  });
});
