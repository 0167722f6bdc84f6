// A job reads Keepa data no older than its profile's freshness: a rescan past it buys the products again (fresh
// sightings), one within it is served from the cache (sightings not fresh); interactive reads keep the cache TTLs.
import { beforeEach, describe, expect, it } from "vitest";
import jobsDoor from "../../netlify/functions/autosourcing-jobs.mts";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import type { AutosourcingDeps } from "../../src/autosourcing/index.ts";
import { SourcingCache } from "../../src/sourcing/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, useSimulator } from "../helpers/simulator.ts";
import { testRedis } from "../helpers/runtime.ts";
import {
  capturingDeps,
  clearRedis,
  createProfile,
  db,
  deliver,
  jobState,
  PROFILE,
  testClock,
  withDeps,
} from "./helpers.ts";

const running = await useSimulator();

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

async function scan(deps: () => AutosourcingDeps, sent: unknown[], profileId: string) {
  const request = new Request("http://localhost/api/v1/autosourcing/jobs", {
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify({ profileId }),
  });
  const response = await withDeps(jobsDoor, deps)(request, fakeContext());
  expect(response.status, await response.clone().text()).toBe(202);
  const { job } = await json<{ job: { id: string } }>(response);
  const result = await deliver(running, deps, sent.at(-1) as Parameters<typeof deliver>[2]);
  expect(result.status).toBe(200);
  const state = await jobState(job.id);
  expect(state.status, JSON.stringify(state)).toBe("succeeded");
  const rows = await db().query<{ fresh: number; stale: number }>(
    `SELECT count(*) FILTER (WHERE fresh)::int AS fresh, count(*) FILTER (WHERE NOT fresh)::int AS stale
     FROM sightings WHERE job_id = $1`,
    [job.id],
  );
  return { consumed: result.consumed, ...rows[0]! };
}

describe("freshness of a job's data", () => {
  it("a rescan within the freshness window is served from cache; past it, it fetches and counts fresh sightings", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const profileId = await createProfile({
      ...PROFILE,
      discovery: { ...PROFILE.discovery, freshness: { productsMaxAgeMinutes: 60, discoveryMaxAgeMinutes: 360 } },
    });

    const first = await scan(deps, sent, profileId);
    expect(first.consumed).toBeGreaterThan(0);
    expect(first.fresh).toBeGreaterThan(0);

    clock.advance(30 * 60_000); // within 60 min: the cache serves it all
    const repeat = await scan(deps, sent, profileId);
    expect(repeat.consumed).toBe(0);
    expect(repeat.fresh).toBe(0);
    expect(repeat.stale).toBeGreaterThan(0);

    clock.advance(45 * 60_000); // 75 min after the first scan: still inside the 6 h product TTL, past the freshness
    const rescan = await scan(deps, sent, profileId);
    expect(rescan.consumed).toBeGreaterThan(0);
    expect(rescan.fresh).toBeGreaterThan(0);
  });

  it("entries stored before stamps are too old for a job, still served to interactive reads", async () => {
    const clock = testClock();
    const prefix = process.env.LEDGER_PREFIX!;
    const cache = new SourcingCache({
      redis: testRedis(),
      prefix,
      productTtlSeconds: 600,
      discoveryTtlSeconds: 600,
      now: clock.now,
    });
    const product = { asin: "0000000001", prices: {}, market: {} };
    await testRedis().set(`${prefix}:cache:product:1:0000000001`, JSON.stringify(product), { ex: 600 });
    expect((await cache.getProducts(1, ["0000000001"])).size).toBe(1);
    expect((await cache.getProducts(1, ["0000000001"], { maxAgeMs: 3_600_000 })).size).toBe(0);

    await cache.putProducts(1, [product as never]);
    expect((await cache.getProducts(1, ["0000000001"], { maxAgeMs: 60_000 })).size).toBe(1);
    clock.advance(61_000);
    expect((await cache.getProducts(1, ["0000000001"], { maxAgeMs: 60_000 })).size).toBe(0);
    expect((await cache.getProducts(1, ["0000000001"])).size).toBe(1);
  });

  it("validates the freshness ranges and shows the defaults", async () => {
    const post = (discovery: Record<string, unknown>) =>
      profilesDoor(
        new Request("http://localhost/api/v1/autosourcing/profiles", {
          method: "POST",
          headers: { ...AUTH, "content-type": "application/json" },
          body: JSON.stringify({ ...PROFILE, discovery }),
        }),
        fakeContext(),
      );
    const bad = await post({ ...PROFILE.discovery, freshness: { productsMaxAgeMinutes: 1 } });
    expect(bad.status).toBe(400);
    const good = await post(PROFILE.discovery);
    expect(good.status).toBe(201);
    const { profile } = await json<{ profile: { discovery: { freshness: unknown } } }>(good);
    expect(profile.discovery.freshness).toEqual({ productsMaxAgeMinutes: 120, discoveryMaxAgeMinutes: 360 });
  });
});
