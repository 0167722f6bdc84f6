// POST /api/v1/autosourcing/jobs (run now): planned and asked of the ledger first (422 never fits, 429 not now, or
// queued), then dispatched to the background worker like a scheduled job.
import { beforeEach, describe, expect, it } from "vitest";
import jobsDoor from "../../netlify/functions/autosourcing-jobs.mts";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import type { AutosourcingDeps } from "../../src/autosourcing/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH, bearer, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { createKey } from "../auth/helpers.ts";
import {
  capturingDeps,
  clearRedis,
  createProfile,
  db,
  deliver,
  jobState,
  PROFILE,
  schedulerTick,
  testClock,
  withDeps,
} from "./helpers.ts";
import type { Vars } from "./helpers.ts";

const running = await useSimulator();

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

async function runNow(
  deps: () => AutosourcingDeps,
  body: unknown,
  options: { auth?: Record<string, string>; key?: string; vars?: Vars } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.auth ?? AUTH), "content-type": "application/json" };
  if (options.key !== undefined) headers["idempotency-key"] = options.key;
  const request = new Request("http://localhost/api/v1/autosourcing/jobs", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const response = await withDeps(jobsDoor, deps, options.vars)(request, fakeContext());
  return { status: response.status, headers: response.headers, body: await json(response) };
}

const jobOf = (answer: Answer) => answer.body.job as { id: string; status: string; retryAt: string | null };

describe("run now", () => {
  it("an inline profile → 202 with a status URL → the dispatched job completes with picks", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const answer = await runNow(deps, { profile: { discovery: PROFILE.discovery, scoring: PROFILE.scoring } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    const job = jobOf(answer);
    expect(job.status).toBe("pending");
    expect(answer.body.statusUrl).toBe(`http://localhost/api/v1/autosourcing/jobs/${job.id}`);
    expect(sent).toHaveLength(1);
    expect(spendingRequests(running)).toBe(0); // planning and the dry-run ask are free

    const saved = await db().query<{ active: boolean }>(
      "SELECT p.active FROM profiles p JOIN jobs j ON j.profile_id = p.id WHERE j.id = $1",
      [job.id],
    );
    expect(saved[0]!.active).toBe(false); // never scheduled

    const result = await deliver(running, deps, sent[0]!);
    expect(result.status).toBe(200);
    const state = await jobState(job.id);
    expect(state).toMatchObject({ status: "succeeded", error: null, tokens_spent: result.consumed });
    expect(state.selected_count).toBeGreaterThan(0);
    const trigger = await db().query<{ trigger: string }>("SELECT trigger FROM jobs WHERE id = $1", [job.id]);
    expect(trigger[0]!.trigger).toBe("manual");
  });

  it("a saved profile by id; the same Idempotency-Key gives the same job and dispatches once", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const first = await runNow(deps, { profileId }, { key: "run-1" });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body.created).toBe(true);
    const again = await runNow(deps, { profileId }, { key: "run-1" });
    expect(again.status).toBe(202);
    expect(again.body.created).toBe(false);
    expect(jobOf(again).id).toBe(jobOf(first).id);
    expect(sent).toHaveLength(1);
  });

  it("a plan that can never fit its budget is 422 and creates nothing", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const vars = { TOKEN_COSTS_OVERRIDE: JSON.stringify({ auto_sourcing_job: { cost: 1 } }) };
    const answer = await runNow(
      deps,
      { profile: { discovery: PROFILE.discovery, scoring: PROFILE.scoring } },
      { vars },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.body.reason).toBe("plan_exceeds_budget");
    expect(sent).toHaveLength(0);
    expect((await db().query("SELECT 1 FROM jobs")).length).toBe(0);
    expect((await db().query("SELECT 1 FROM profiles")).length).toBe(0);
  });

  it("at a low balance: 429 with Retry-After, or with queue:true a job waiting for its retryAt", async () => {
    running.sim.reset({ balance: 5, rate: 20 });
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const refused = await runNow(deps, { profileId });
    expect(refused.status, JSON.stringify(refused.body)).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await db().query("SELECT 1 FROM jobs")).length).toBe(0);

    const queued = await runNow(deps, { profileId, queue: true });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const job = jobOf(queued);
    expect(job.retryAt).not.toBeNull();
    const state = await jobState(job.id);
    expect(state.status).toBe("skipped");
    expect(state.status_reason).toMatch(/^queued/);
    expect(sent).toHaveLength(0);
    expect(spendingRequests(running)).toBe(0);

    // At its retryAt the scheduler re-queues it and hands it to the worker, like any skipped job.
    running.sim.reset({ balance: 1200, rate: 20 });
    await clearRedis();
    clock.advance(Date.parse(job.retryAt!) - clock.now() + 1000);
    const tick = await schedulerTick(deps);
    expect(tick.requeued).toContain(job.id);
    expect(sent).toHaveLength(1);
  });

  it("needs tokens:spend (403) and data:write; GET still lists jobs", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const profileId = await createProfile();
    const reader = await createKey({ name: "writer only", scopes: ["data:write"] });
    const refused = await runNow(deps, { profileId }, { auth: bearer(reader.key) });
    expect(refused.status).toBe(403);
    expect(sent).toHaveLength(0);
    const list = await jobsDoor(
      new Request("http://localhost/api/v1/autosourcing/jobs", { headers: AUTH }),
      fakeContext(),
    );
    expect(list.status).toBe(200);
  });

  it("a profile another key saved cannot be run by this key (404, nothing dispatched); its owner can", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const owner = await createKey({ name: "owner", scopes: ["data:write", "tokens:spend"] });
    const other = await createKey({ name: "other", scopes: ["data:write", "tokens:spend"] });
    const saved = await profilesDoor(
      new Request("http://localhost/api/v1/autosourcing/profiles", {
        method: "POST",
        headers: { ...bearer(owner.key), "content-type": "application/json" },
        body: JSON.stringify({ ...PROFILE, name: "Owned" }),
      }),
      fakeContext(),
    );
    expect(saved.status).toBe(201);
    const profileId = (await json<{ profile: { id: string } }>(saved)).profile.id;
    const refused = await runNow(deps, { profileId }, { auth: bearer(other.key) });
    expect(refused.status).toBe(404);
    expect(sent).toHaveLength(0);
    const accepted = await runNow(deps, { profileId }, { auth: bearer(owner.key) });
    expect(accepted.status).toBe(202);
    expect(sent).toHaveLength(1);
  });
});
