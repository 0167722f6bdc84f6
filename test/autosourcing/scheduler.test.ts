// Ticks every 5 minutes but robust to a late one: redispatch and skip retries survive a 60-minute gap; a skipped
// delivery never overwrites the delivery that runs the job; slots at their boundary; every job has a deadline.
import { beforeEach, describe, expect, it } from "vitest";
import type { AutosourcingDeps } from "../../src/autosourcing/index.ts";
import { profileLockKey, servedFrom } from "../../src/autosourcing/index.ts";
import { runScheduler } from "../../src/autosourcing/scheduler.ts";
import { createDueJobs } from "../../src/autosourcing/store/schedule.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, deliver, jobState, testClock } from "./helpers.ts";
import { testRedis } from "../helpers/runtime.ts";

const running = await useSimulator();

/** A tick as the scheduler's door runs it: without SITE_URL the worker is reached where the tick was served. */
const tick = (deps: AutosourcingDeps) => runScheduler(servedFrom(deps, new URL("http://localhost/")));

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

describe("ticks 60 minutes apart", () => {
  it("a job whose dispatch failed is sent again by the next tick, not reaped as never started", async () => {
    const clock = testClock();
    let up = false;
    const { deps, sent } = capturingDeps(clock.now);
    const flaky = () => ({
      ...deps(),
      dispatch: async (request: Parameters<AutosourcingDeps["dispatch"]>[0]) => (
        sent.push(request),
        up ? { sent: true, status: 202 } : { sent: false, status: null }
      ),
    });
    await createProfile({
      name: "Hourly",
      discovery: { categories: ["business"], bsrMin: 1, bsrMax: 2_000_000, maxResults: 20 },
      scoring: {},
    });

    const first = await tick(flaky());
    expect(first.dispatched).toMatchObject([{ sent: false }]);
    up = true;
    clock.advance(60 * 60_000);
    const later = await tick(flaky());
    expect(later.reaped).toEqual([]);
    expect(later.created).toEqual([]); // its job is still open: the new slot's job waits for a later tick
    expect(later.dispatched).toMatchObject([{ jobId: first.created[0], sent: true }]);
    await deliver(running, flaky, sent[1]!);
    expect((await jobState(first.created[0]!)).status).toBe("succeeded");
  });

  it("a skipped job is retried at the next tick although a new slot began meanwhile", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    await createProfile();
    running.sim.setBalance(350);
    const [skippedId] = (await tick(deps())).created;
    await deliver(running, deps, sent[0]!);
    expect((await jobState(skippedId!)).status).toBe("skipped");

    running.sim.reset({ balance: 1200, rate: 20 });
    await clearRedis();
    clock.advance(60 * 60_000);
    const later = await tick(deps());
    expect(later.requeued).toEqual([skippedId]);
    expect(later.dispatched.map((d) => d.jobId)).toEqual([skippedId]);
    await deliver(running, deps, sent[1]!);
    expect((await jobState(skippedId!)).status).toBe("succeeded");
    const [profile] = await db().query<{ run_count: number }>("SELECT run_count::int FROM profiles");
    expect(profile!.run_count).toBe(1); // one job, however many times it ended
    // The new slot gets its job at the tick after.
    clock.advance(5 * 60_000);
    expect((await tick(deps())).created).toHaveLength(1);
  });

  it("a pending job is reaped once its sends are used up", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now, { dispatch: async () => ({ sent: false, status: null }) });
    await createProfile();
    const [id] = (await tick(deps())).created;
    for (let i = 0; i < 8; i += 1) {
      clock.advance(5 * 60_000);
      await tick(deps());
    }
    expect(await jobState(id!)).toMatchObject({ status: "failed", status_reason: "never_started" });
  });
});

describe("two deliveries of one job under lock contention", () => {
  it("one runs; the other's skip does not overwrite the running job", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const [id] = (await tick(deps())).created;
    // Delivery B read the job while pending; then A took the lock and claimed it. B now finds the lock taken.
    let releaseB!: () => void;
    const bMayGo = new Promise<void>((resolve) => (releaseB = resolve));
    let bRead = false;
    const slowReader = (): AutosourcingDeps => {
      const d = deps();
      const query: typeof d.db.query = async (text, params) => {
        const rows = await d.db.query(text, params);
        if (!bRead) {
          bRead = true;
          await bMayGo;
        }
        return rows as never;
      };
      return { ...d, db: { ...d.db, query } };
    };
    const b = deliver(running, slowReader, sent[0]!);
    while (!bRead) await new Promise((resolve) => setTimeout(resolve, 5));
    // A: holds the lock and has claimed the job (as a running delivery would).
    await testRedis().set(profileLockKey(process.env.LEDGER_PREFIX!, profileId), "delivery-a", { px: 60_000 });
    await db().query(`UPDATE jobs SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`, [id]);
    releaseB();
    const result = await b;
    expect(result.body).toMatchObject({ ran: false, reason: "claimed_elsewhere" });
    expect(result.consumed).toBe(0);
    expect((await jobState(id!)).status).toBe("running");
  });
});

describe("slots", () => {
  it("createDueJobs counts a tick just before a slot boundary into the coming slot", async () => {
    await createProfile();
    const boundary = Date.UTC(2026, 9, 1, 12, 0, 0);
    const [early] = await createDueJobs(db(), boundary - 3 * 60_000);
    const slotOf = async (id: string) =>
      (await db().query<{ slot: Date }>(`SELECT slot FROM jobs WHERE id = $1`, [id]))[0]!.slot.toISOString();
    expect(await slotOf(early!.id)).toBe("2026-10-01T11:00:00.000Z");
    await db().query(`UPDATE jobs SET status = 'succeeded'`);
    const [graced] = await createDueJobs(db(), boundary - 60_000);
    expect(await slotOf(graced!.id)).toBe("2026-10-01T12:00:00.000Z");
    await db().query(`UPDATE jobs SET status = 'succeeded'`);
    expect(await createDueJobs(db(), boundary + 30 * 60_000)).toEqual([]); // same slot: nothing new
  });

  it("every job has a deadline, so the reaper can always see it", async () => {
    const profileId = await createProfile();
    await expect(
      db().query(`INSERT INTO jobs (profile_id, trigger, deadline_at) VALUES ($1, 'manual', NULL)`, [profileId]),
    ).rejects.toThrow(/null/i);
    const [row] = await db().query<{ deadline_at: Date | null }>(
      `INSERT INTO jobs (profile_id, trigger) VALUES ($1, 'manual') RETURNING deadline_at`,
      [profileId],
    );
    expect(row!.deadline_at).not.toBeNull();
  });
});
