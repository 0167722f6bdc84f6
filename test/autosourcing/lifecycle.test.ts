// The scheduled path end to end: scheduler tick → signed dispatch → background worker against the simulator →
// picks in Postgres; idempotent ticks; the reaper; a short ledger skips without spending and keeps the floor.
import { beforeEach, describe, expect, it } from "vitest";
import jobDoor from "../../netlify/functions/autosourcing-job.mts";
import jobsDoor from "../../netlify/functions/autosourcing-jobs.mts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { spendEndpoint } from "../tokens/fixtures/spend-endpoint.ts";
import {
  capturingDeps,
  clearRedis,
  createProfile,
  db,
  deliver,
  jobState,
  schedulerTick,
  testClock,
} from "./helpers.ts";
import { testRuntime } from "../helpers/runtime.ts";

const running = await useSimulator();

const tick = schedulerTick;

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

describe("scheduled AutoSourcing", () => {
  it(
    "a tick creates the slot's job, " + "the worker completes it within 200 tokens, and picks land in Postgres",
    async () => {
      const clock = testClock();
      // The run takes 4.321 s on the test clock: the clock moves once, when the job first asks for Keepa
      // (after its claim).
      let moved = false;
      const { deps: base, sent } = capturingDeps(clock.now);
      const deps = () => {
        const d = base();
        const keepa: typeof d.keepa = (options) => {
          if (!moved) clock.advance(4321);
          moved = true;
          return d.keepa(options);
        };
        return { ...d, keepa };
      };
      const profileId = await createProfile();

      const first = await tick(deps);
      expect(first.created).toHaveLength(1);
      expect(sent).toHaveLength(1);
      // No SITE_URL locally: the worker is reached where the tick itself was served, whatever the port.
      expect(sent[0]!.url).toBe("http://localhost/.netlify/functions/autosourcing-run-background");
      expect(spendingRequests(running)).toBe(0); // the tick itself never touches Keepa

      const second = await tick(deps);
      expect(second.created).toEqual([]);
      expect(second.dispatched).toEqual([]);
      const jobs = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE profile_id = $1", [
        profileId,
      ]);
      expect(jobs[0]!.n).toBe(1);

      const result = await deliver(running, deps, sent[0]!);
      expect(result.status).toBe(200);
      const state = running.sim.state();
      expect(result.consumed).toBeGreaterThan(0);
      expect(result.consumed).toBeLessThanOrEqual(200);
      expect(state.minBalance).toBeGreaterThanOrEqual(0);
      expect(state.rejected429).toBe(0);

      const jobId = first.created[0]!;
      const job = await jobState(jobId);
      expect(job).toMatchObject({
        status: "succeeded",
        status_reason: null,
        error: null,
        tokens_spent: result.consumed,
      });
      expect(job.tokens_reserved).toBeLessThanOrEqual(200);
      expect(job.tested_count).toBeGreaterThan(0);
      expect(job.selected_count).toBeGreaterThan(0);
      expect(job.duration_ms).toBe(4321);
      console.info(
        `autosourcing job: reserved ${job.tokens_reserved}, spent ${job.tokens_spent} tokens, tested ` +
          `${job.tested_count}, picks ${job.selected_count}`,
      );
      const picks = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM picks WHERE job_id = $1", [jobId]);
      expect(picks[0]!.n).toBe(job.selected_count);
      const sightings = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM sightings WHERE job_id = $1", [
        jobId,
      ]);
      expect(sightings[0]!.n).toBe(job.tested_count);
      expect((await testRuntime().ledger.status()).reserved).toBe(0);

      // The same request delivered again (Netlify retry, double dispatch) runs nothing.
      const replay = await deliver(running, deps, sent[0]!);
      expect(replay.body).toMatchObject({ ran: false, reason: "not_pending", status: "succeeded" });
      expect(replay.consumed).toBe(0);
    },
  );

  it("the jobs list and detail show the run (the dashboard's shape)", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    await createProfile();
    const { created } = await tick(deps);
    await deliver(running, deps, sent[0]!);

    const list = await json<{ items: Record<string, unknown>[]; limit: number; nextCursor: string | null }>(
      await jobsDoor(new Request("http://localhost/api/v1/autosourcing/jobs", { headers: AUTH }), fakeContext()),
    );
    expect(list).toMatchObject({ limit: 20, nextCursor: null });
    expect(Object.keys(list.items[0]!).sort()).toEqual([
      "durationMs",
      "finishedAt",
      "id",
      "picks",
      "profileId",
      "profileName",
      "retryAt",
      "selectedCount",
      "startedAt",
      "status",
      "statusReason",
      "testedCount",
      "tokensReserved",
      "tokensSpent",
    ]);
    expect(list.items[0]).toMatchObject({ id: created[0], profileName: "Business textbooks", status: "succeeded" });
    // The dashboard's preview: the 3 best picks, in the detail's order.
    const preview = list.items[0]!.picks as Record<string, unknown>[];
    expect(preview).toHaveLength(3);
    for (const pick of preview)
      expect(Object.keys(pick).sort()).toEqual(["asin", "recommendation", "roiPercent", "tier", "title"]);

    const detailResponse = await jobDoor(
      new Request(`http://localhost/api/v1/autosourcing/jobs/${created[0]}`, { headers: AUTH }),
      fakeContext({ params: { id: created[0]! } }),
    );
    const detail = await json<{
      job: { status: string };
      picks: { tier: string; tierReason: string; currency: string; history: { sightings: number; isNew: boolean } }[];
    }>(detailResponse);
    expect(detail.job.status).toBe("succeeded");
    expect(detail.picks.length).toBeGreaterThan(0);
    expect(preview.map((p) => p.asin)).toEqual(
      detail.picks.slice(0, 3).map((p) => (p as unknown as { asin: string }).asin),
    );
    for (const pick of detail.picks) {
      expect(["HOT", "TOP", "WATCH", "OTHER"]).toContain(pick.tier);
      expect(pick.tierReason.length).toBeGreaterThan(0);
      expect(pick.currency).toBe("USD");
      expect(pick.history).toMatchObject({ sightings: 1, isNew: true });
    }
  });

  it("the reaper fails a job whose worker died mid-run (running past its deadline)", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const past = new Date(clock.now() - 60_000).toISOString();
    const started = new Date(clock.now() - 17 * 60_000).toISOString();
    const [dead] = await db().query<{ id: string }>(
      `INSERT INTO jobs (profile_id, trigger, status, started_at, deadline_at)
       VALUES ($1, 'manual', 'running', $2, $3) RETURNING id::text`,
      [profileId, started, past],
    );
    const summary = await tick(deps);
    expect(summary.reaped).toEqual([dead!.id]);
    const job = await jobState(dead!.id);
    expect(job.status).toBe("failed");
    expect(job.status_reason).toBe("worker_lost");
    expect(job.error).toContain("stopped before finishing");
    expect(job.duration_ms).toBe(17 * 60_000);
    expect((await tick(deps)).reaped).toEqual([]);
  });

  it(
    "short tokens: the job is skipped with the reason and a retry time, nothing is spent, and interactive users " +
      "still get served",
    async () => {
      const clock = testClock();
      const { deps, sent } = capturingDeps(clock.now);
      await createProfile();
      running.sim.setBalance(350); // batch floor is 25 % of 1200 = 300: 50 spendable for batch, < the 71-token plan
      const { created } = await tick(deps);
      const result = await deliver(running, deps, sent[0]!);
      expect(result.consumed).toBe(0);
      expect(spendingRequests(running)).toBe(0);
      const job = await jobState(created[0]!);
      expect(job.status).toBe("skipped");
      expect(job.status_reason).toMatch(
        /^class_floor: \d+ tokens available \(300 are kept in reserve\), \d+ needed — retry in/,
      );
      expect(job.retry_at).not.toBeNull();
      expect(new Date(job.retry_at as string).getTime()).toBeGreaterThan(clock.now());
      expect(job.tokens_spent).toBe(0);

      const interactive = await spendEndpoint()(
        new Request("http://localhost/api/v1/spend", {
          method: "POST",
          headers: { ...AUTH, "content-type": "application/json" },
          body: JSON.stringify({ asins: running.sim.catalogue.entries.slice(0, 3).map((e) => e.asin) }),
        }),
        fakeContext(),
      );
      expect(interactive.status).toBe(200);
      expect(running.sim.state().minBalance).toBeGreaterThanOrEqual(300);
    },
  );

  it("a skipped job is re-queued once its retry time has come, and runs then", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    await createProfile();
    running.sim.setBalance(350);
    const { created } = await tick(deps);
    await deliver(running, deps, sent[0]!);
    expect((await jobState(created[0]!)).status).toBe("skipped");

    running.sim.reset({ balance: 1200, rate: 20 });
    await clearRedis();
    clock.advance(10 * 60_000);
    const later = await tick(deps);
    expect(later.created).toEqual([]);
    expect(later.requeued).toEqual(created);
    const result = await deliver(running, deps, sent[1]!);
    expect(result.consumed).toBeLessThanOrEqual(200);
    expect((await jobState(created[0]!)).status).toBe("succeeded");
  });
});
