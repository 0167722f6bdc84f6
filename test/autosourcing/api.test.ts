// The dashboard's API: profiles CRUD, the 0-token estimate, pick actions; plus the per-profile lock and a cut run.
import { beforeEach, describe, expect, it } from "vitest";
import estimateDoor from "../../netlify/functions/autosourcing-estimate.mts";
import jobsDoor from "../../netlify/functions/autosourcing-jobs.mts";
import pickActionDoor from "../../netlify/functions/autosourcing-pick-action.mts";
import profileDoor from "../../netlify/functions/autosourcing-profile.mts";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import { profileLockKey } from "../../src/autosourcing/index.ts";
import { tryLock } from "../../src/tokens/index.ts";
import type { Scored } from "../../src/autosourcing/select.ts";
import { createTriggeredJob } from "../../src/autosourcing/store/jobs.ts";
import { writeResults } from "../../src/autosourcing/store/picks.ts";
import { runJob } from "../../src/autosourcing/worker/run-job.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, jobState, PROFILE, testClock } from "./helpers.ts";
import { testRedis } from "../helpers/runtime.ts";

const running = await useSimulator();

function send(
  handler: (r: Request, c: ReturnType<typeof fakeContext>) => Promise<Response>,
  path: string,
  init: { method?: string; body?: unknown; id?: string } = {},
) {
  const headers: Record<string, string> = {
    ...AUTH,
    ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return handler(request, fakeContext({ params: init.id ? { id: init.id } : {} }));
}

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  running.sim.clearFaults();
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

describe("profiles", () => {
  it("create, list, read, replace and delete; names are unique; categories are validated", async () => {
    const id = await createProfile();
    const list = await json<{
      items: { id: string; scheduleMinutes: number; discovery: { categories: number[]; excludeAmazon: boolean } }[];
      limit: number;
      nextCursor: string | null;
    }>(await send(profilesDoor, "/api/v1/autosourcing/profiles"));
    expect(list).toMatchObject({ limit: 20, nextCursor: null });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id,
      scheduleMinutes: 60,
      discovery: { categories: [3], excludeAmazon: true },
    });

    expect((await send(profilesDoor, "/api/v1/autosourcing/profiles", { method: "POST", body: PROFILE })).status).toBe(
      409,
    );
    const unknown = await send(profilesDoor, "/api/v1/autosourcing/profiles", {
      method: "POST",
      body: { ...PROFILE, name: "Law", discovery: { categories: ["Lawn care"] } },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("valid categories");

    const replaced = await send(profileDoor, `/api/v1/autosourcing/profiles/${id}`, {
      method: "PUT",
      id,
      body: { ...PROFILE, name: "Renamed", active: false, scheduleMinutes: 120 },
    });
    expect(replaced.status).toBe(200);
    expect((await json<{ profile: Record<string, unknown> }>(replaced)).profile).toMatchObject({
      name: "Renamed",
      active: false,
      scheduleMinutes: 120,
    });
    expect(
      (await json<{ items: unknown[] }>(await send(profilesDoor, "/api/v1/autosourcing/profiles?activeOnly=true")))
        .items,
    ).toEqual([]);
    // The snake_case name of before is still read (deprecated).
    expect(
      (await json<{ items: unknown[] }>(await send(profilesDoor, "/api/v1/autosourcing/profiles?active_only=true")))
        .items,
    ).toEqual([]);

    expect((await send(profileDoor, `/api/v1/autosourcing/profiles/${id}`, { method: "DELETE", id })).status).toBe(204);
    expect((await send(profileDoor, `/api/v1/autosourcing/profiles/${id}`, { id })).status).toBe(404);
    expect((await send(profileDoor, "/api/v1/autosourcing/profiles/nope", { id: "nope" })).status).toBe(404);
  });
});

type Page = { items: { id: string }[]; limit: number; nextCursor: string | null };

/** Every page of a list, following nextCursor from the first. */
async function walk(door: typeof profilesDoor, path: string, limit: number, filter = ""): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${filter}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await send(door, `${path}${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<Page>(response);
    pages.push(body);
    cursor = body.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

describe("cursor pages", () => {
  it("profiles: a walk returns each profile exactly once, oldest first; a made-up cursor is 400", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await createProfile({ ...PROFILE, name: `Profile ${n}` }));
    const pages = await walk(profilesDoor, "/api/v1/autosourcing/profiles", 2);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.limit === 2)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((item) => item.id))).toEqual(ids);
    expect((await send(profilesDoor, "/api/v1/autosourcing/profiles?cursor=nonsense")).status).toBe(400);
  });

  it("jobs: a walk returns each job exactly once, newest first, even when they share a created_at", async () => {
    const profileId = await createProfile();
    const clock = testClock();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() })).job.id);
    }
    // Two jobs at the very same instant: the id breaks the tie, so neither is skipped nor repeated.
    await db().query("UPDATE jobs SET created_at = (SELECT created_at FROM jobs WHERE id = $1) WHERE id = $2", [
      made[1],
      made[2],
    ]);
    const pages = await walk(jobsDoor, "/api/v1/autosourcing/jobs", 2, `&profileId=${profileId}`);
    const seen = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(seen.sort()).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(made.length);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    // The snake_case filter of before is still read (deprecated).
    const legacy = await json<Page>(await send(jobsDoor, `/api/v1/autosourcing/jobs?profile_id=${profileId}`));
    expect(legacy.items).toHaveLength(5);
  });
});

describe("POST /api/v1/autosourcing/estimate", () => {
  it("plans the job and says whether it fits now, spending nothing", async () => {
    const id = await createProfile();
    const response = await send(estimateDoor, "/api/v1/autosourcing/estimate", {
      method: "POST",
      body: { profileId: id },
    });
    expect(response.status).toBe(200);
    const body = await json<{
      estimatedTokens: number;
      maxAllowed: number;
      fitsNow: boolean;
      balance: { batchFloor: number };
    }>(response);
    // BSR 1–2,000,000 is wide: 3 band pages (33) + 3 × 20 screened (60) = 93; 200 − 93 = 107 → 8 verifications of
    // the 10 asked, at up to 12 each (96): 189.
    expect(body).toMatchObject({ estimatedTokens: 189, maxAllowed: 200, fitsNow: true, balance: { batchFloor: 300 } });
    running.sim.setBalance(350);
    await clearRedis();
    const short = await json<{ fitsNow: boolean; reason: string }>(
      await send(estimateDoor, "/api/v1/autosourcing/estimate", {
        method: "POST",
        body: { discovery: PROFILE.discovery },
      }),
    );
    // The reserve script answers (dry run): enough tokens in all, but not above the batch reserve.
    expect(short).toMatchObject({ fitsNow: false, reason: "class_floor" });
    expect(running.sim.state().consumed).toBe(0);
    expect(spendingRequests(running)).toBe(0);
  });
});

describe("worker rules", () => {
  it("one job per profile at a time: a second job is skipped while the lock is held, with a retry time", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const lock = await tryLock(testRedis(), profileLockKey(process.env.LEDGER_PREFIX!, profileId), 60_000);
    const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
    const result = await runJob(job.id, deps());
    expect(result).toMatchObject({ ran: true, status: "skipped" });
    expect((await jobState(job.id)).status_reason).toMatch(/^profile_busy/);
    expect(spendingRequests(running)).toBe(0);
    await lock!.release();
  });

  it("a Keepa failure during details ends the job partial with what was paid for", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const profileId = await createProfile();
    // More failures than the client retries (a free 500 is retried twice).
    running.sim.setFaults({ failNext: 5, endpoints: ["product"] });
    const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
    const result = await runJob(job.id, deps());
    expect(result).toMatchObject({ ran: true, status: "partial" });
    const state = await jobState(job.id);
    expect(state.status_reason).toMatch(/^partial: keepa_error at details/);
    expect(state.tokens_spent).toBe(running.sim.state().consumed);
  });
});

describe("results that must not fail a paid job", () => {
  it(
    "a write failing after some batches committed still " + "reports the committed picks and the tokens spent",
    async () => {
      const clock = testClock();
      const { deps: base } = capturingDeps(clock.now);
      let transactions = 0;
      const deps = () => {
        const d = base();
        const transaction: typeof d.db.transaction = async (statements) => {
          transactions += 1;
          if (transactions === 2) throw new Error("connection reset");
          return d.db.transaction(statements);
        };
        return { ...d, db: { ...d.db, transaction } };
      };
      const profileId = await createProfile();
      const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
      const result = await runJob(job.id, deps());
      expect(result).toMatchObject({ ran: true, status: "failed" });
      const state = await jobState(job.id);
      const picks = (
        await db().query<{ n: number }>("SELECT count(*)::int AS n FROM picks WHERE job_id = $1", [job.id])
      )[0]!.n;
      expect(picks).toBeGreaterThan(0);
      expect(state).toMatchObject({ tested_count: 25, selected_count: picks });
      expect(state.tokens_spent).toBeGreaterThan(0);
    },
  );

  it("a penny buy price's huge ROI is stored, not an overflow", async () => {
    const clock = testClock();
    const profileId = await createProfile();
    const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
    const view = {
      asin: "B000000001",
      title: "Penny",
      bsr: 10,
      buyPriceCents: 1,
      sellPriceCents: 5_000_000,
      profitCents: 4_000_000,
      roiPercent: 399_999_900,
      velocity: 50,
      stability: 50,
      confidence: 50,
      recommendation: "BUY",
      verified: true,
      maxBuyCents: 3_000_000,
    };
    const scored = [
      { view, tier: { tier: "HOT", reason: "test", featured: false }, selected: true, fresh: true },
    ] as unknown as Scored[];
    await writeResults(db(), job.id, profileId, scored);
    const [pick] = await db().query<{ roi: number }>("SELECT roi_percent::float8 AS roi FROM picks WHERE job_id = $1", [
      job.id,
    ]);
    expect(pick!.roi).toBe(399_999_900);
  });
});

describe("PUT /api/v1/autosourcing/picks/:id/action", () => {
  it("records the seller's decision with notes", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
    await runJob(job.id, deps());
    const [pick] = await db().query<{ id: string }>("SELECT id::text FROM picks WHERE job_id = $1 LIMIT 1", [job.id]);
    const response = await send(pickActionDoor, `/api/v1/autosourcing/picks/${pick!.id}/action`, {
      method: "PUT",
      id: pick!.id,
      body: { action: "to_buy", notes: "check condition" },
    });
    expect(response.status).toBe(200);
    expect((await json<{ pick: Record<string, unknown> }>(response)).pick).toMatchObject({
      id: pick!.id,
      actionStatus: "to_buy",
      notes: "check condition",
    });
    expect(
      (
        await send(pickActionDoor, "/api/v1/autosourcing/picks/x/action", {
          method: "PUT",
          id: "x",
          body: { action: "to_buy" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await send(pickActionDoor, `/api/v1/autosourcing/picks/${pick!.id}/action`, {
          method: "PUT",
          id: pick!.id,
          body: { action: "buy_now" },
        })
      ).status,
    ).toBe(400);
  });
});
