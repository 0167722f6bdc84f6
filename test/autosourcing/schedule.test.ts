// Schedules a person writes: local times on weekdays in an IANA zone, walked tick by tick on a fake clock across
// both 2026–27 Toronto DST changes; never twice per slot, none on weekends, a pause and skip dates; bad schedules
// are 400s naming the field; nextRuns across a DST change.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import profileDoor from "../../netlify/functions/autosourcing-profile.mts";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import { lastRunAtOrBefore, nextRunsAfter, profileSchedule } from "../../src/autosourcing/index.ts";
import type { ProfileSchedule } from "../../src/autosourcing/index.ts";
import { createDueJobs } from "../../src/autosourcing/store/schedule.ts";
import type { Db } from "../../src/shared/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, PROFILE, withDeps } from "./helpers.ts";

const running = await useSimulator();

const TORONTO_WEEKDAYS = {
  timezone: "America/Toronto",
  times: ["07:00", "09:00", "12:00", "15:00", "18:00", "20:00"],
  weekdays: ["mon", "tue", "wed", "thu", "fri"],
};

const schedule = (value: Record<string, unknown>): ProfileSchedule => profileSchedule.parse(value);
const at = (text: string) => Date.parse(text);
const isoList = (ms: number[]) => ms.map((m) => new Date(m).toISOString());

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

describe("the recurrence function", () => {
  it("finds the last run at or before an instant, in local time on the chosen weekdays", () => {
    const s = schedule(TORONTO_WEEKDAYS);
    // Fri 2026-10-30 (EDT, UTC-4) 09:00 local = 13:00Z.
    expect(lastRunAtOrBefore(s, at("2026-10-30T13:00:00Z"))).toBe(at("2026-10-30T13:00:00Z"));
    expect(lastRunAtOrBefore(s, at("2026-10-30T12:59:59Z"))).toBe(at("2026-10-30T11:00:00Z"));
    // Monday 06:00 EST looks back over the weekend to Friday 20:00 EDT.
    expect(lastRunAtOrBefore(s, at("2026-11-02T11:00:00Z"))).toBe(at("2026-10-31T00:00:00Z"));
  });

  it("a time skipped by spring forward runs once, moved forward by the gap; a repeated hour runs once, first", () => {
    const nightly = schedule({ timezone: "America/Toronto", times: ["01:30", "02:30", "03:30"] });
    // 2027-03-14: 02:00 EST jumps to 03:00 EDT. 02:30 does not exist → 03:30 EDT (07:30Z), the same instant as
    // 03:30, so that day has two runs, not three.
    expect(isoList(nextRunsAfter(nightly, at("2027-03-14T05:00:00Z"), 3))).toEqual([
      "2027-03-14T06:30:00.000Z", // 01:30 EST
      "2027-03-14T07:30:00.000Z", // 02:30 → 03:30 EDT, and 03:30 EDT
      "2027-03-15T05:30:00.000Z", // next day 01:30 EDT
    ]);
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST. 01:30 happens twice → the first (EDT, 05:30Z) only.
    expect(isoList(nextRunsAfter(nightly, at("2026-11-01T04:00:00Z"), 3))).toEqual([
      "2026-11-01T05:30:00.000Z", // 01:30 EDT
      "2026-11-01T07:30:00.000Z", // 02:30 EST
      "2026-11-01T08:30:00.000Z", // 03:30 EST
    ]);
  });

  it("a pause and skip dates remove runs", () => {
    const s = schedule({ ...TORONTO_WEEKDAYS, pauseUntil: "2026-11-03T05:00:00Z", skipDates: ["2026-11-03"] });
    // Paused through Monday Nov 2 (local), Tuesday Nov 3 skipped: the next run is Wednesday 07:00 EST.
    expect(isoList(nextRunsAfter(s, at("2026-10-31T00:00:00Z"), 1))).toEqual(["2026-11-04T12:00:00.000Z"]);
    expect(lastRunAtOrBefore(s, at("2026-11-03T23:00:00Z"))).toBeNull();
  });
});

/** The same database over one persistent pg connection: ~1 200 ticks per walk, not one HTTP request each. */
let client: pg.Client;
const fast = (): Db => ({
  query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
    (await client.query(text, params)).rows as T[],
  transaction: () => Promise.reject(new Error("not used by the walk")),
});
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

/** Walks the scheduler's slot creation every 5 minutes from `from` to `to`; each job ends at once. */
async function walk(from: string, to: string): Promise<{ slot: string; profile: string; tick: number }[]> {
  const created: { slot: string; profile: string; tick: number }[] = [];
  for (let now = at(from); now <= at(to); now += 5 * 60_000) {
    const jobs = await createDueJobs(fast(), now);
    if (jobs.length === 0) continue;
    const rows = await fast().query<{ slot: Date; profile_id: string }>(
      `UPDATE jobs SET status = 'succeeded' WHERE id = ANY($1::uuid[]) RETURNING slot, profile_id::text`,
      [jobs.map((j) => j.id)],
    );
    for (const row of rows) created.push({ slot: row.slot.toISOString(), profile: row.profile_id, tick: now });
    // Its job ended, so only the unique index stops a second tick in the same slot: it creates nothing.
    expect(await createDueJobs(fast(), now)).toEqual([]);
  }
  created.sort((a, b) => a.tick - b.tick || a.slot.localeCompare(b.slot));
  return created;
}

const withSchedule = (name: string, value: Record<string, unknown>) =>
  createProfile({ ...PROFILE, name, schedule: value });

describe("scheduled at local hours (fake clock, a tick every 5 minutes)", { timeout: 60_000 }, () => {
  it("fall back (2026-11-01): exactly at 07,09,12,15,18,20 local on weekdays, never twice, none on the weekend", async () => {
    const id = await withSchedule("Toronto weekdays", TORONTO_WEEKDAYS);
    const created = await walk("2026-10-30T03:00:00Z", "2026-11-03T03:00:00Z"); // Fri .. Mon night, local
    expect(created.every((c) => c.profile === id)).toBe(true);
    expect(created.map((c) => c.slot)).toEqual([
      // Friday Oct 30, EDT (UTC-4)
      ...["11", "13", "16", "19", "22"].map((h) => `2026-10-30T${h}:00:00.000Z`),
      "2026-10-31T00:00:00.000Z",
      // Monday Nov 2, EST (UTC-5): the same local hours, an hour later in UTC
      ...["12", "14", "17", "20", "23"].map((h) => `2026-11-02T${h}:00:00.000Z`),
      "2026-11-03T01:00:00.000Z",
    ]);
    // Each job was created by the tick at its slot.
    for (const c of created) expect(c.tick).toBe(Date.parse(c.slot));
  });

  it("spring forward (2027-03-14), and a nightly 01:30/02:30 run once per day across both changes", async () => {
    await withSchedule("Toronto weekdays", TORONTO_WEEKDAYS);
    const nightly = await withSchedule("Nightly", { timezone: "America/Toronto", times: ["01:30", "02:30"] });
    const created = await walk("2027-03-12T04:00:00Z", "2027-03-16T04:00:00Z"); // Fri .. Mon night, local
    const weekdays = created.filter((c) => c.profile !== nightly).map((c) => c.slot);
    expect(weekdays).toEqual([
      ...["12", "14", "17", "20", "23"].map((h) => `2027-03-12T${h}:00:00.000Z`), // Fri, EST
      "2027-03-13T01:00:00.000Z",
      ...["11", "13", "16", "19", "22"].map((h) => `2027-03-15T${h}:00:00.000Z`), // Mon, EDT
      "2027-03-16T00:00:00.000Z",
    ]);
    expect(created.filter((c) => c.profile === nightly).map((c) => c.slot)).toEqual([
      "2027-03-12T06:30:00.000Z",
      "2027-03-12T07:30:00.000Z",
      "2027-03-13T06:30:00.000Z",
      "2027-03-13T07:30:00.000Z",
      "2027-03-14T06:30:00.000Z", // 01:30 EST
      "2027-03-14T07:30:00.000Z", // 02:30 does not exist: 03:30 EDT
      "2027-03-15T05:30:00.000Z",
      "2027-03-15T06:30:00.000Z",
    ]);

    await db().query("DELETE FROM profiles");
    const fallBack = await withSchedule("Nightly", { timezone: "America/Toronto", times: ["01:30"] });
    const night = await walk("2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z");
    expect(night).toEqual([{ slot: "2026-11-01T05:30:00.000Z", profile: fallBack, tick: at("2026-11-01T05:30:00Z") }]);
  });

  it("a paused profile and a skip date create no job; the scheduleMinutes profile beside them still runs", async () => {
    await withSchedule("Paused", { ...TORONTO_WEEKDAYS, pauseUntil: "2026-11-10T00:00:00Z" });
    const skipping = await withSchedule("Skips Monday", { ...TORONTO_WEEKDAYS, skipDates: ["2026-11-02"] });
    const hourly = await createProfile({ ...PROFILE, name: "Hourly", scheduleMinutes: 60 });
    const created = await walk("2026-11-02T05:00:00Z", "2026-11-03T13:00:00Z"); // Mon 00:00 .. Tue 08:00 local
    expect(created.filter((c) => c.profile === skipping).map((c) => c.slot)).toEqual(["2026-11-03T12:00:00.000Z"]);
    expect(created.filter((c) => c.profile !== skipping && c.profile !== hourly)).toEqual([]);
    expect(created.filter((c) => c.profile === hourly)).toHaveLength(33);
  });

  it("a tick up to 2 minutes early counts into the slot; a late tick within 10 minutes still creates it", async () => {
    const id = await withSchedule("Toronto weekdays", TORONTO_WEEKDAYS);
    expect(await createDueJobs(db(), at("2026-11-02T11:57:00Z"))).toEqual([]);
    const [early] = await createDueJobs(db(), at("2026-11-02T11:58:30Z"));
    expect(early).toMatchObject({ profile_id: id });
    await db().query(`UPDATE jobs SET status = 'succeeded'`);
    expect(await createDueJobs(db(), at("2026-11-02T12:05:00Z"))).toEqual([]); // same slot
    const [late] = await createDueJobs(db(), at("2026-11-02T14:09:00Z"));
    expect(late).toMatchObject({ profile_id: id });
    await db().query(`UPDATE jobs SET status = 'succeeded'`);
    expect(await createDueJobs(db(), at("2026-11-02T17:11:00Z"))).toEqual([]); // too late: missed
  });
});

function post(body: unknown) {
  return profilesDoor(
    new Request("http://localhost/api/v1/autosourcing/profiles", {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
}

describe("the API", () => {
  it.each([
    ["an unknown zone", { timezone: "America/Gotham", times: ["07:00"] }, "schedule.timezone"],
    ["25:00", { timezone: "America/Toronto", times: ["07:00", "25:00"] }, "schedule.times.1"],
    ["empty times", { timezone: "America/Toronto", times: [] }, "schedule.times"],
    ["a bad weekday", { timezone: "UTC", times: ["07:00"], weekdays: ["funday"] }, "schedule.weekdays.0"],
    ["a bad skip date", { timezone: "UTC", times: ["07:00"], skipDates: ["2026-02-30"] }, "schedule.skipDates.0"],
    ["a bad pause", { timezone: "UTC", times: ["07:00"], pauseUntil: "tomorrow" }, "schedule.pauseUntil"],
  ])("refuses %s with a 400 naming the field", async (_, value, field) => {
    const response = await post({ ...PROFILE, schedule: value });
    expect(response.status).toBe(400);
    const body = await json<{ errors: { field: string; message: string }[] }>(response);
    expect(body.errors.map((e) => e.field)).toContain(field);
  });

  it("GET shows the schedule and the next 5 runs (UTC and local) across the fall-back change", async () => {
    const id = await withSchedule("Toronto weekdays", TORONTO_WEEKDAYS);
    const { deps } = capturingDeps(() => at("2026-10-30T21:00:00Z")); // Fri 17:00 EDT
    const get = (door: typeof profileDoor, path: string, params = {}) =>
      withDeps(door as never, deps)(new Request(`http://localhost${path}`, { headers: AUTH }), fakeContext({ params }));
    type View = { schedule: unknown; nextRuns: { at: string; local: string; weekday: string }[] };
    const one = await json<{ profile: View }>(await get(profileDoor, `/api/v1/autosourcing/profiles/${id}`, { id }));
    expect(one.profile.schedule).toMatchObject({ ...TORONTO_WEEKDAYS, skipDates: [] });
    expect(one.profile.nextRuns).toEqual([
      { at: "2026-10-30T22:00:00.000Z", local: "2026-10-30T18:00:00-04:00", weekday: "fri" },
      { at: "2026-10-31T00:00:00.000Z", local: "2026-10-30T20:00:00-04:00", weekday: "fri" },
      { at: "2026-11-02T12:00:00.000Z", local: "2026-11-02T07:00:00-05:00", weekday: "mon" },
      { at: "2026-11-02T14:00:00.000Z", local: "2026-11-02T09:00:00-05:00", weekday: "mon" },
      { at: "2026-11-02T17:00:00.000Z", local: "2026-11-02T12:00:00-05:00", weekday: "mon" },
    ]);
    const list = await json<{ items: View[] }>(await get(profilesDoor, "/api/v1/autosourcing/profiles"));
    expect(list.items[0]!.nextRuns).toEqual(one.profile.nextRuns);
  });

  it("a profile without a schedule keeps scheduleMinutes and shows its next UTC slots", async () => {
    const id = await createProfile({ ...PROFILE, scheduleMinutes: 120 });
    const { deps } = capturingDeps(() => at("2026-10-30T21:00:00Z"));
    const response = await withDeps(profileDoor as never, deps)(
      new Request(`http://localhost/api/v1/autosourcing/profiles/${id}`, { headers: AUTH }),
      fakeContext({ params: { id } }),
    );
    const { profile } = await json<{ profile: { schedule: unknown; nextRuns: { at: string }[] } }>(response);
    expect(profile.schedule).toBeNull();
    expect(profile.nextRuns.map((r) => r.at)).toEqual([
      "2026-10-30T22:00:00.000Z",
      "2026-10-31T00:00:00.000Z",
      "2026-10-31T02:00:00.000Z",
      "2026-10-31T04:00:00.000Z",
      "2026-10-31T06:00:00.000Z",
    ]);
  });
});
