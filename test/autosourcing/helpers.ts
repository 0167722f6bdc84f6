import { expect } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import type { Context } from "@netlify/functions";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import workerDoor from "../../netlify/functions/autosourcing-run-background.mts";
import schedulerDoor from "../../netlify/functions/autosourcing-scheduler.mts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import { toRequest } from "../../src/autosourcing/index.ts";
import type { AutosourcingDeps, JobRequest, TickSummary } from "../../src/autosourcing/index.ts";
import type { Db } from "../../src/shared/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { AUTH } from "../helpers/simulator.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";

/** A clock the test moves: mid-slot, so a tick never straddles an hour boundary. */
export function testClock(): { now: () => number; advance: (ms: number) => void } {
  let at = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 20 * 60_000;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

/** Variables a test's runtimes are built with on top of this file's stack (see testRuntime). */
export type Vars = Record<string, string | undefined>;

/**
 * Deps with a dispatcher that records the signed requests instead of sending them.
 * @param vars the config they are built from (completion webhooks…) @default this file's stack
 */
export function capturingDeps(
  now: () => number,
  overrides: Partial<AutosourcingDeps> = {},
  vars: Vars = {},
): { deps: () => AutosourcingDeps; sent: JobRequest[] } {
  const sent: JobRequest[] = [];
  const dispatch: AutosourcingDeps["dispatch"] = async (request) => (sent.push(request), { sent: true, status: 202 });
  const deps = () => testRuntime({ vars, now, autosourcing: { dispatch, ...overrides } }).autosourcing;
  return { deps, sent };
}

/**
 * A door served on a runtime whose AutoSourcing parts (clock, dispatcher…) are the test's.
 * @param vars the config the runtime is built from (the signed routes' secret…) @default this file's stack
 */
export function withDeps(door: EndpointHandler<Runtime>, deps: () => AutosourcingDeps, vars: Vars = {}) {
  return (request: Request, context: Context) => {
    const parts = deps();
    return door.serve(request, context, testRuntime({ vars, now: parts.now, autosourcing: parts }));
  };
}

export const db = (): Db => testRuntime().db;

export async function clearRedis(): Promise<void> {
  const keys = await testRedis().keys(`${process.env.LEDGER_PREFIX}:*`);
  if (keys.length > 0) await testRedis().del(...keys);
}

export const PROFILE = {
  name: "Business textbooks",
  discovery: { categories: ["business"], bsrMin: 1, bsrMax: 2_000_000, maxResults: 60 },
  scoring: { strategy: "smart_velocity", minRoi: -100, minRecommendation: "SKIP", maxPicks: 20 },
};

export async function createProfile(body: Record<string, unknown> = PROFILE): Promise<string> {
  const request = new Request("http://localhost/api/v1/autosourcing/profiles", {
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await profilesDoor(request, fakeContext());
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ profile: { id: string } }>(response)).profile.id;
}

export type JobState = {
  status: string;
  status_reason: string | null;
  retry_at: unknown;
  tokens_reserved: number;
  tokens_spent: number;
  tested_count: number;
  selected_count: number;
  duration_ms: number | null;
  error: string | null;
};

export async function jobState(id: string): Promise<JobState> {
  const rows = await db().query<JobState>(
    `SELECT status, status_reason, retry_at, tokens_reserved::int, tokens_spent::int, tested_count::int,
       selected_count::int, duration_ms::int, error
     FROM jobs WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

/** Runs the worker exactly as Netlify would deliver the dispatcher's request, measuring the simulator meanwhile. */
export async function deliver(
  sim: RunningSimulator,
  deps: () => AutosourcingDeps,
  request: JobRequest,
  vars: Vars = {},
): Promise<{ status: number; body: Record<string, unknown>; consumed: number }> {
  const before = sim.sim.state().consumed;
  const response = await withDeps(workerDoor, deps, vars)(toRequest(request), fakeContext());
  return { status: response.status, body: await json(response), consumed: sim.sim.state().consumed - before };
}

/**
 * One scheduler tick on the test's deps, as Netlify's scheduler (and `netlify functions:invoke`) sends it: a POST
 * with {"next_run"} and no JSON content type.
 */
export async function schedulerTick(deps: () => AutosourcingDeps): Promise<TickSummary> {
  const request = new Request("http://localhost/.netlify/functions/autosourcing-scheduler", {
    method: "POST",
    headers: { "user-agent": "Netlify Clockwork", "x-nf-event": "schedule" },
    body: JSON.stringify({ next_run: new Date().toISOString() }),
  });
  const response = await withDeps(schedulerDoor, deps)(request, fakeContext());
  expect(response.status, await response.clone().text()).toBe(200);
  return json<TickSummary>(response);
}
