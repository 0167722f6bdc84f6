import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import health from "../../netlify/functions/health.mts";
import tokens from "../../netlify/functions/tokens.mts";
import { runKeysCli } from "../../scripts/keys.ts";
import { evictIdentity, keyCacheKey, KEY_CACHE_TTL_SECONDS } from "../../src/app/auth/cache.ts";
import { hashApiKey, keyPrefix } from "../../src/app/auth/key-format.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import { withPgQuery } from "../../dev/pg-query.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { bearer, createKey, lookupRequest, productLookupEndpoint, startSimulatorForKeys } from "./helpers.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";

const lookup = productLookupEndpoint();
let running: RunningSimulator;
let asin: string;
const simRequests = () => running.sim.getLog().length;

beforeAll(async () => {
  running = await startSimulatorForKeys();
  asin = running.sim.catalogue.entries[0]!.asin;
});
afterAll(async () => {
  await running?.close();
});

async function expectUnauthorized(response: Response, detail?: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await json<{ title: string; detail: string }>(response);
  expect(body.title).toBe("Unauthorized");
  if (detail) expect(body.detail).toContain(detail);
}

describe("API keys on a spending endpoint", () => {
  it("refuses a request without a key with 401 before any Keepa call", async () => {
    const before = simRequests();
    await expectUnauthorized(await lookup(lookupRequest(asin, {}), fakeContext()), "Bearer");
    for (const header of [
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer not-a-key",
      `Bearer ${LOCAL_API_KEY} extra`,
      `Bearer av_${"\u00e9".repeat(40)}`,
    ]) {
      await expectUnauthorized(await lookup(lookupRequest(asin, { authorization: header }), fakeContext()));
    }
    await expectUnauthorized(
      await lookup(lookupRequest(asin, bearer(`av_${"0".repeat(48)}`)), fakeContext()),
      "unknown or revoked",
    );
    expect(simRequests()).toBe(before);
  });

  it("authenticates before validating: invalid input without a key is a 401, not a 400", async () => {
    const response = await lookup(new Request("http://localhost/x", { method: "POST", body: "{oops" }), fakeContext());
    await expectUnauthorized(response);
  });

  it("serves a stored key, and a revoked one gets 401 at once with the simulator log unchanged", async () => {
    const { key } = await createKey({ name: "revocable" });
    const ok = await lookup(lookupRequest(asin, bearer(key)), fakeContext());
    expect(ok.status).toBe(200);
    expect((await json<{ tokens: { spent: number } }>(ok)).tokens.spent).toBeGreaterThan(0);
    const lines: string[] = [];
    const code = await runKeysCli(["revoke", keyPrefix(key)], process.env.DATABASE_URL!, {
      out: (line) => lines.push(line),
      evict: (hashes) => evictIdentity(testRedis(), hashes),
    });
    expect(code).toBe(0);
    const before = simRequests();
    await expectUnauthorized(await lookup(lookupRequest(asin, bearer(key)), fakeContext()), "unknown or revoked");
    expect(simRequests()).toBe(before);
  });

  it("caches lookups for at most 30 s, so an un-evicted revocation still lands within that window", async () => {
    const { key, id } = await createKey({ name: "cached" });
    expect((await lookup(lookupRequest(asin, bearer(key)), fakeContext())).status).toBe(200);
    const cacheKey = keyCacheKey(process.env.LEDGER_PREFIX!, hashApiKey(key));
    const ttl = await testRedis().ttl(cacheKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(KEY_CACHE_TTL_SECONDS);
    await withPgQuery(process.env.DATABASE_URL!, (query) =>
      query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [id]),
    );
    await testRedis().del(cacheKey); // what the TTL does by itself within 30 s
    await expectUnauthorized(await lookup(lookupRequest(asin, bearer(key)), fakeContext()));
  });

  it("records last use at most once a minute", async () => {
    const { key, id } = await createKey({ name: "usage" });
    const lastUsed = async () =>
      (
        await withPgQuery(process.env.DATABASE_URL!, (query) =>
          query("SELECT last_used_at FROM api_keys WHERE id = $1", [id]),
        )
      )[0]?.last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await lookup(lookupRequest(asin, bearer(key)), fakeContext())).status).toBe(200);
    expect(await lastUsed()).toBeInstanceOf(Date);
  });

  it("answers 403 when the key lacks the endpoint's scope", async () => {
    const { key } = await createKey({ name: "reader", scopes: [] });
    const before = simRequests();
    const response = await lookup(lookupRequest(asin, bearer(key)), fakeContext());
    expect(response.status).toBe(403);
    expect((await json(response)).detail).toContain("tokens:spend");
    expect(simRequests()).toBe(before);
  });

  it(
    "enforces the key's daily quota in the ledger: " + "429 with reason quota and Retry-After at UTC midnight",
    async () => {
      const { key } = await createKey({ name: "quota", dailyTokenQuota: 2 });
      for (let i = 0; i < 2; i++)
        expect((await lookup(lookupRequest(asin, bearer(key)), fakeContext())).status).toBe(200);
      const before = simRequests();
      const refused = await lookup(lookupRequest(asin, bearer(key)), fakeContext());
      expect(refused.status).toBe(429);
      const body = await json<{ reason: string; retryAfterSeconds: number }>(refused);
      expect(body.reason).toBe("quota");
      const now = new Date();
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      const expected = Math.ceil((midnight - Date.now()) / 1000);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(expected - 5);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(expected + 5);
      expect(simRequests()).toBe(before);
      // Another key is not affected by this one's quota.
      expect((await lookup(lookupRequest(asin, bearer()), fakeContext())).status).toBe(200);
    },
  );
});

describe("the local key", () => {
  it("is accepted in local mode (simulator on loopback, no KEEPA_API_KEY)", async () => {
    expect((await lookup(lookupRequest(asin), fakeContext())).status).toBe(200);
  });

  it("is refused whenever a real Keepa key is configured", async () => {
    const runtime = testRuntime({ vars: { KEEPA_API_KEY: "a-real-looking-keepa-key" } });
    const before = simRequests();
    await expectUnauthorized(await lookup.serve(lookupRequest(asin), fakeContext(), runtime), "unknown or revoked");
    await expectUnauthorized(
      await tokens.serve(new Request("http://localhost/api/v1/tokens", { headers: bearer() }), fakeContext(), runtime),
    );
    expect(simRequests()).toBe(before);
  });
});

describe("public and token status endpoints", () => {
  it("keeps /health public and puts /api/v1/tokens behind a key", async () => {
    expect((await health(new Request("http://localhost/health"), fakeContext())).status).toBe(200);
    await expectUnauthorized(await tokens(new Request("http://localhost/api/v1/tokens"), fakeContext()));
    expect(
      (await tokens(new Request("http://localhost/api/v1/tokens", { headers: bearer() }), fakeContext())).status,
    ).toBe(200);
  });
});
