import { expect } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { neonDb } from "../../src/autosourcing/db.ts";
import type { Db } from "../../src/autosourcing/db.ts";
import { defaultDeps } from "../../src/autosourcing/deps.ts";
import type { AutosourcingDeps } from "../../src/autosourcing/deps.ts";
import { toRequest } from "../../src/autosourcing/dispatch.ts";
import type { JobRequest } from "../../src/autosourcing/dispatch.ts";
import { profilesEndpoint } from "../../src/autosourcing/http/profiles.ts";
import { workerEndpoint } from "../../src/autosourcing/http/worker.ts";
import { getRedis } from "../../src/shared/redis.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH } from "../helpers/simulator.ts";

/** A clock the test moves: mid-slot, so a tick never straddles an hour boundary. */
export function testClock(): { now: () => number; advance: (ms: number) => void } {
  let at = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 20 * 60_000;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

/** Deps with a dispatcher that records the signed requests instead of sending them. */
export function capturingDeps(now: () => number, overrides: Partial<AutosourcingDeps> = {}): { deps: () => AutosourcingDeps; sent: JobRequest[] } {
  const sent: JobRequest[] = [];
  const deps = () => defaultDeps({ now, dispatch: async (request) => (sent.push(request), { sent: true, status: 202 }), ...overrides });
  return { deps, sent };
}

export const db = (): Db => neonDb();

export async function clearRedis(): Promise<void> {
  const keys = await getRedis().keys(`${process.env.LEDGER_PREFIX}:*`);
  if (keys.length > 0) await getRedis().del(...keys);
}

export const PROFILE = {
  name: "Business textbooks",
  discovery: { categories: ["business"], bsrMin: 1, bsrMax: 2_000_000, maxResults: 60 },
  scoring: { strategy: "smart_velocity", minRoi: -100, minRecommendation: "SKIP", maxPicks: 20 },
};

export async function createProfile(body: Record<string, unknown> = PROFILE): Promise<string> {
  const request = new Request("http://localhost/api/v1/autosourcing/profiles", { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: JSON.stringify(body) });
  const response = await profilesEndpoint()(request, fakeContext());
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ profile: { id: string } }>(response)).profile.id;
}

export type JobState = { status: string; status_reason: string | null; retry_at: unknown; tokens_reserved: number; tokens_spent: number; tested_count: number; selected_count: number; duration_ms: number | null; error: string | null };

export async function jobState(id: string): Promise<JobState> {
  const rows = await db().query<JobState>(
    `SELECT status, status_reason, retry_at, tokens_reserved::int, tokens_spent::int, tested_count::int, selected_count::int, duration_ms::int, error FROM jobs WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

/** Runs the worker exactly as Netlify would deliver the dispatcher's request, measuring the simulator meanwhile. */
export async function deliver(sim: RunningSimulator, deps: () => AutosourcingDeps, request: JobRequest): Promise<{ status: number; body: Record<string, unknown>; consumed: number }> {
  const before = sim.sim.state().consumed;
  const response = await workerEndpoint(deps, deps().now)(toRequest(request), fakeContext());
  return { status: response.status, body: await json(response), consumed: sim.sim.state().consumed - before };
}
