// GET /api/v1/review/today: the window's picks, one per ASIN, classified over their FRESH sighting history — on a
// crafted history (every class, the latest pick wins, ignored picks out, the window's edge) and on real jobs run
// twice against the simulator (the cache replay is not a sighting).
import { beforeEach, describe, expect, it } from "vitest";
import pickActionDoor from "../../netlify/functions/autosourcing-pick-action.mts";
import reviewDoor from "../../netlify/functions/review-today.mts";
import { createTriggeredJob, runJob } from "../../src/autosourcing/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, PROFILE, testClock } from "./helpers.ts";
import { craftJob, get, HOUR, pickId } from "./seller-helpers.ts";

const running = await useSimulator();

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

type Item = {
  id: string;
  jobId: string;
  asin: string;
  roiPercent: number | null;
  classification: string;
  reason: string;
  requiresManualCheck: boolean;
  sightings: number;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  sellCondition: string;
  sellPrice: { cents: number } | null;
  buyCost: { cents: number } | null;
  maxBuyCents: number | null;
  verified: boolean;
  buyAtMostCents?: number | null;
};
type Review = {
  window: { daysBack: number; from: string; to: string };
  total: number;
  counts: Record<"REJECT" | "FLUKE" | "JACKPOT" | "REVENANT" | "STABLE", number>;
  items: Item[];
  top: Item[];
  actionable: Item[];
};

async function review(now: number, query = ""): Promise<Review> {
  const response = await get(reviewDoor, `/api/v1/review/today${query}`, { now });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Review>(response);
}

const NOW = Date.parse("2026-03-10T12:00:00.000Z");
const at = (hoursAgo: number) => NOW - hoursAgo * HOUR;
const isoAt = (hoursAgo: number) => new Date(at(hoursAgo)).toISOString();
const byAsin = (r: Review) => new Map(r.items.map((item) => [item.asin, item]));

/**
 * The history, hours before NOW (job A is outside a 1-day window, B and C inside, D is a cache replay):
 *   A  40 h  OLDBOOK001 roi 50, REVENANT01 roi 45
 *   B  10 h  STABLE0001 roi 40, STABLE0002 roi 20, LATEST0001 roi 70
 *   C   3 h  REJECT0001 roi −5, WEAKSIGNAL roi 18 (WEAK), FLUKE00001 roi 35, JACKPOT001 roi 95, REVENANT01 roi 45,
 *            STABLE0001 roi 40, STABLE0002 roi 20, LATEST0001 roi 33, IGNORED001 roi 60 (then ignored)
 *   D   1 h  FLUKE00001 roi 35 from the product cache (fresh = false), and a sighting of STABLE0001 that was not
 *            selected (fresh: it counts, though it is no pick)
 * Then the seller ignores C's IGNORED001.
 */
async function buildHistory(): Promise<Record<string, string>> {
  const profileId = await createProfile();
  const a = await craftJob(profileId, at(40), [
    { asin: "OLDBOOK001", roi: 50 },
    { asin: "REVENANT01", roi: 45 },
  ]);
  const b = await craftJob(profileId, at(10), [
    { asin: "STABLE0001", roi: 40 },
    { asin: "STABLE0002", roi: 20 },
    { asin: "LATEST0001", roi: 70, maxBuyCents: 2_100 },
  ]);
  const c = await craftJob(profileId, at(3), [
    { asin: "REJECT0001", roi: -5 },
    { asin: "WEAKSIGNAL", roi: 18, conditionSignal: "WEAK" },
    { asin: "FLUKE00001", roi: 35 },
    { asin: "JACKPOT001", roi: 95 },
    { asin: "REVENANT01", roi: 45 },
    { asin: "STABLE0001", roi: 40, maxBuyCents: 1_800 },
    { asin: "STABLE0002", roi: 20 },
    { asin: "LATEST0001", roi: 33, maxBuyCents: 1_250 },
    { asin: "IGNORED001", roi: 60 },
  ]);
  const d = await craftJob(profileId, at(1), [
    { asin: "FLUKE00001", roi: 35, fresh: false },
    { asin: "STABLE0001", roi: 40, selected: false },
  ]);
  await ignore(await pickId(c, "IGNORED001"));
  return { a, b, c, d };
}

/** The seller ignores a pick, through the door that records actions. */
async function ignore(id: string): Promise<void> {
  const put = new Request(`http://localhost/api/v1/autosourcing/picks/${id}/action`, {
    method: "PUT",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify({ action: "ignored" }),
  });
  expect((await pickActionDoor(put, fakeContext({ params: { id } }))).status).toBe(200);
}

describe("GET /api/v1/review/today on a crafted history", () => {
  it("classifies each ASIN's latest pick over its fresh sightings; counts, top and actionable follow", async () => {
    const jobs = await buildHistory();

    const today = await review(NOW);
    expect(today.window).toEqual({ daysBack: 1, from: isoAt(24), to: isoAt(0) });
    const items = byAsin(today);
    // Jobs B, C, D finished in the last 24 h; A (40 h ago) did not, so OLDBOOK001 is out; IGNORED001 was ignored.
    expect([...items.keys()].sort()).toEqual([
      "FLUKE00001",
      "JACKPOT001",
      "LATEST0001",
      "REJECT0001",
      "REVENANT01",
      "STABLE0001",
      "STABLE0002",
      "WEAKSIGNAL",
    ]);
    const cls = (asin: string) => items.get(asin)!;
    expect(cls("REJECT0001")).toMatchObject({ classification: "REJECT", reason: "negative ROI -5%" });
    // The condition signal stored with the pick reaches the classifier (ROI 18 < 20 with WEAK).
    expect(cls("WEAKSIGNAL")).toMatchObject({ classification: "REJECT", reason: expect.stringContaining("WEAK") });
    // D served FLUKE00001 from the cache: not a sighting, so one (C's) is left. D's pick is still the latest.
    expect(cls("FLUKE00001")).toMatchObject({ classification: "FLUKE", sightings: 1, jobId: jobs.d });
    expect(cls("FLUKE00001").firstSeenAt).toBe(isoAt(3));
    expect(cls("JACKPOT001")).toMatchObject({ classification: "JACKPOT", requiresManualCheck: true, sightings: 1 });
    // 40 h → 3 h: a gap over 24 h between its last two sightings, although A is outside the window.
    expect(cls("REVENANT01")).toMatchObject({ classification: "REVENANT", reason: "seen again after 37 h" });
    expect(cls("REVENANT01")).toMatchObject({ sightings: 2, firstSeenAt: isoAt(40), lastSeenAt: isoAt(3) });
    // 10 h, 3 h and D's unselected (but fresh) sighting at 1 h: three sightings, no gap over 24 h, ROI 40 ≥ 15.
    expect(cls("STABLE0001")).toMatchObject({ classification: "STABLE", sightings: 3, lastSeenAt: isoAt(1) });
    expect(cls("STABLE0002")).toMatchObject({ classification: "STABLE", sightings: 2, roiPercent: 20 });
    // The latest pick wins: C's ROI 33 and max buy, not B's 70.
    expect(cls("LATEST0001")).toMatchObject({ classification: "STABLE", roiPercent: 33, jobId: jobs.c });
    expect(cls("LATEST0001").id).toBe(await pickId(jobs.c!, "LATEST0001"));
    // The pick's economics from its stored score.
    expect(cls("LATEST0001")).toMatchObject({
      sellCondition: "used_good",
      sellPrice: { cents: 3_000 },
      buyCost: { cents: 1_000 },
      maxBuyCents: 1_250,
      verified: true,
    });

    expect(today.counts).toEqual({ REJECT: 2, FLUKE: 1, JACKPOT: 1, REVENANT: 1, STABLE: 3 });
    expect(today.total).toBe(8);
    // Best 5 by ROI without REJECT: 95, 45, 40, 35, 33 (STABLE0002's 20 is sixth).
    expect(today.top.map((i) => i.asin)).toEqual([
      "JACKPOT001",
      "REVENANT01",
      "STABLE0001",
      "FLUKE00001",
      "LATEST0001",
    ]);
    // STABLE with ROI ≥ 30 (the default): 40 and 33, each with the most to pay.
    expect(today.actionable.map((i) => [i.asin, i.buyAtMostCents])).toEqual([
      ["STABLE0001", 1_800],
      ["LATEST0001", 1_250],
    ]);
  });

  it("daysBack widens the window; minRoi moves the actionable bar; bad values are 400 with the field", async () => {
    const jobs = await buildHistory();
    const two = await review(NOW, "?daysBack=2&minRoi=15");
    expect(two.window).toMatchObject({ daysBack: 2, from: isoAt(48) });
    // A is in the window now: OLDBOOK001 (one sighting, ROI 50) joins as a FLUKE.
    expect(byAsin(two).get("OLDBOOK001")).toMatchObject({ classification: "FLUKE", sightings: 1 });
    expect(two.counts).toEqual({ REJECT: 2, FLUKE: 2, JACKPOT: 1, REVENANT: 1, STABLE: 3 });
    expect(two.actionable.map((i) => i.asin)).toEqual(["STABLE0001", "LATEST0001", "STABLE0002"]);

    // Ignoring an ASIN's latest pick takes the ASIN out: B's older pick of it does not come back in its place.
    await ignore(await pickId(jobs.c!, "LATEST0001"));
    const after = await review(NOW, "?daysBack=2&minRoi=15");
    expect(byAsin(after).has("LATEST0001")).toBe(false);
    expect(after.counts.STABLE).toBe(2);

    for (const [query, field] of [
      ["?daysBack=0", "daysBack"],
      ["?daysBack=8", "daysBack"],
      ["?daysBack=1.5", "daysBack"],
      ["?daysBack=soon", "daysBack"],
      ["?minRoi=lots", "minRoi"],
      ["?days_back=1", "(root)"],
    ] as const) {
      const response = await get(reviewDoor, `/api/v1/review/today${query}`, { now: NOW });
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const body = await json<{ errors: { field: string; message: string }[] }>(response);
      expect(
        body.errors.map((e) => e.field),
        query,
      ).toContain(field);
    }
    expect(spendingRequests(running)).toBe(0);
  });

  it("pages the items with limit and cursor: a walk meets every ASIN once, in order; the rest covers the window", async () => {
    await buildHistory();
    // Two picks without an ROI: they sort last, by ASIN, and a page may end on one (a null ROI in the cursor).
    await craftJob(await createProfile({ ...PROFILE, name: "Unpriced books" }), at(2), [
      { asin: "NOROI00002", roi: null },
      { asin: "NOROI00001", roi: null },
    ]);
    const whole = await review(NOW, "?daysBack=2&minRoi=15");
    // 11 items in pages of 2: the fifth page ends on NOROI00001, so the sixth starts after a null ROI.
    expect(whole.total).toBe(11);
    expect(whole.items.slice(-2).map((item) => item.asin)).toEqual(["NOROI00001", "NOROI00002"]);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const query: string = `?daysBack=2&minRoi=15&limit=2${cursor === null ? "" : `&cursor=${cursor}`}`;
      const page = (await review(NOW, query)) as Review & { limit: number; nextCursor: string | null };
      expect(page.limit).toBe(2);
      expect(page.items.length).toBeLessThanOrEqual(2);
      // Counts, top and actionable are over the whole window, whatever the page.
      expect({ total: page.total, counts: page.counts, top: page.top }).toEqual({
        total: whole.total,
        counts: whole.counts,
        top: whole.top,
      });
      walked.push(...page.items.map((item) => item.asin));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(walked).toEqual(whole.items.map((item) => item.asin));
    expect(new Set(walked).size).toBe(whole.total);
    // A cursor it did not hand out is refused, naming the field.
    const bad = await get(reviewDoor, "/api/v1/review/today?cursor=not-a-cursor", { now: NOW });
    expect(bad.status).toBe(400);
    expect((await json<{ errors: { field: string }[] }>(bad)).errors.map((e) => e.field)).toContain("cursor");
  });

  it("an empty window answers zero counts and empty lists", async () => {
    const empty = await review(NOW);
    expect(empty).toMatchObject({ total: 0, items: [], top: [], actionable: [] });
    expect(empty.counts).toEqual({ REJECT: 0, FLUKE: 0, JACKPOT: 0, REVENANT: 0, STABLE: 0 });
  });
});

describe("GET /api/v1/review/today on real jobs", () => {
  it("a profile run twice within the cache window: the replay's sightings are not fresh and do not count", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const run = async () => {
      const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
      expect(await runJob(job.id, deps())).toMatchObject({ ran: true, status: "succeeded" });
      return job.id;
    };
    const first = await run();
    const afterFirst = await review(clock.now());
    expect(afterFirst.total).toBeGreaterThan(0);
    for (const item of afterFirst.items) expect(item).toMatchObject({ jobId: first, sightings: 1 });

    clock.advance(HOUR); // well within PRODUCT_CACHE_TTL_SECONDS (6 h)
    const consumed = running.sim.state().consumed;
    const second = await run();
    const fresh = await db().query<{ fresh: boolean; n: number }>(
      "SELECT fresh, count(*)::int AS n FROM sightings WHERE job_id = $1 GROUP BY fresh",
      [second],
    );
    // Every product of the replay came from the cache: nothing bought, nothing freshly seen.
    expect(fresh).toEqual([{ fresh: false, n: expect.any(Number) }]);
    expect(running.sim.state().consumed - consumed).toBe(0);

    const afterSecond = await review(clock.now());
    expect(afterSecond.total).toBe(afterFirst.total);
    for (const item of afterSecond.items) {
      // The latest pick is the replay's, but its ASIN's history is still the one fresh sighting of the first run.
      expect(item.jobId).toBe(second);
      expect(item.sightings, item.asin).toBe(1);
      expect(item.classification, item.asin).toMatch(/^(FLUKE|JACKPOT|REJECT)$/);
    }
    expect(afterSecond.counts.STABLE + afterSecond.counts.REVENANT).toBe(0);

    // The control: once the cache is gone (as after its TTL), a run buys the data again and that IS a sighting.
    await clearRedis();
    clock.advance(HOUR);
    const third = await run();
    const afterThird = byAsin(await review(clock.now()));
    const again = (
      await db().query<{ asin: string }>("SELECT asin FROM sightings WHERE job_id = $1 AND fresh", [third])
    )
      .map((row) => row.asin)
      .filter((asin) => afterThird.has(asin));
    expect(again.length).toBeGreaterThan(0);
    for (const asin of again) expect(afterThird.get(asin)!.sightings, asin).toBe(2);
  });
});
