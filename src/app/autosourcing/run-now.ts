import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  createProfile,
  createTriggeredJob,
  discoveryConfig,
  finishJob,
  getJob,
  getProfile,
  jobDetail,
  markDispatched,
  MissingSecretError,
  planProfile,
  readDiscovery,
  readScoring,
  RUN_LIMITS,
  scoringConfig,
  servedFrom,
  signedJobRequest,
  skipped,
} from "../../autosourcing/index.ts";
import type { AutosourcingDeps, DiscoveryConfig, JobRow, ScoringConfig } from "../../autosourcing/index.ts";
import { HttpProblem, jsonResponse, problems, storedText } from "../../shared/index.ts";
import { actionCost, admit } from "../../tokens/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Runtime } from "../runtime.ts";
import { LOCAL_IDENTITY_ID } from "../auth/authenticate.ts";
import { denialProblem, planTooBigProblem } from "../problems.ts";
import { idempotencyKey } from "./inputs.ts";
import type { JobsQuery } from "./inputs.ts";
import { jobs } from "./jobs.ts";

type Ctx = EndpointContext<Runtime>;

/** `"queue": true` turns "not now" into a job that waits for its retryAt instead of a 429. @default false */
const queue = () => z.boolean().default(false);

/** A saved profile, or an inline one (saved as an inactive profile owned by the calling key). */
export const runNowBody = z.lazy(() =>
  z.union([
    z.strictObject({ profileId: z.uuid(), queue: queue() }),
    z.strictObject({
      profile: z.strictObject({
        name: storedText(3, 100).optional(),
        discovery: discoveryConfig,
        scoring: scoringConfig.default(scoringConfig.parse({})),
      }),
      queue: queue(),
    }),
  ]),
);
export type RunNowBody = z.infer<typeof runNowBody>;

type Profile = { discovery: DiscoveryConfig; scoring: ScoringConfig };

const ownerOf = (ctx: Ctx): string | null =>
  ctx.auth === undefined || ctx.auth.apiKeyId === LOCAL_IDENTITY_ID ? null : ctx.auth.apiKeyId;

/** The owner, an admin key, or (a profile saved in local mode) anyone the local mode admits. */
function mayRun(ctx: Ctx, ownerKeyId: string | null): boolean {
  const caller = ownerOf(ctx);
  if (ownerKeyId === null) return true;
  return caller === ownerKeyId || (ctx.auth?.scopes.includes("admin") ?? false);
}

function dispatchSecret(deps: AutosourcingDeps): string {
  try {
    return deps.signingSecret();
  } catch (error) {
    if (error instanceof MissingSecretError) {
      const detail = `Run now cannot hand jobs to the worker: ${error.message}.`;
      throw new HttpProblem({ title: "Service Unavailable", status: 503, detail, reason: "worker_disabled" });
    }
    throw error;
  }
}

/** An inline profile is saved under its name (or a unique one): a name already taken is the caller's 409. */
async function savedInline<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505") {
      throw new HttpProblem({
        title: "Conflict",
        status: 409,
        reason: "name_taken",
        detail: "A profile with this name already exists.",
      });
    }
    throw error;
  }
}

function accepted(ctx: Ctx, job: JobRow, created: boolean): Response {
  const statusUrl = new URL(`/api/v1/autosourcing/jobs/${job.id}`, ctx.url).toString();
  ctx.log.set({ jobId: job.id, created });
  return jsonResponse({ job: jobDetail(job), statusUrl, created }, { status: 202, headers: { location: statusUrl } });
}

async function existingJob(deps: AutosourcingDeps, key: string | undefined): Promise<JobRow | undefined> {
  if (key === undefined) return undefined;
  const rows = await deps.db.query<{ id: string }>(`SELECT id::text FROM jobs WHERE idempotency_key = $1`, [key]);
  return rows[0] ? getJob(deps.db, rows[0].id) : undefined;
}

/** The profile a run-now body names (only its owner or an admin may run it) or carries inline (saved later). */
async function profileToRun(body: RunNowBody, ctx: Ctx): Promise<{ profileId: string | undefined; profile: Profile }> {
  if (!("profileId" in body)) return { profileId: undefined, profile: body.profile };
  const row = await getProfile(ctx.runtime.db, body.profileId);
  // A run spends the owner's tokens: only the owner (or an admin key) may start one. Another key learns nothing.
  if (!row || !mayRun(ctx, row.owner_key_id)) throw problems.notFound(`No profile with id ${body.profileId}.`);
  return { profileId: row.id, profile: { discovery: readDiscovery(row.discovery), scoring: readScoring(row.scoring) } };
}

/**
 * The job's plan, asked of the ledger in dry-run mode: a plan that can never fit is 422, a refusal is its problem,
 * unless the caller asked to queue a refusal that waiting cures — then `retryAt` says when the scheduler re-queues it.
 */
async function admissionOf(ctx: Ctx, profile: Profile, queue: boolean) {
  const { runtime } = ctx;
  const { action, cost: budget, class: tokenClass } = actionCost(runtime.costs, "auto_sourcing_job");
  const { plan } = await planProfile(runtime.cache, runtime.config.KEEPA_DOMAIN, profile, budget);
  if (!plan.fits) throw planTooBigProblem(action, plan);
  const request = {
    action,
    cost: Math.max(1, plan.cost),
    class: tokenClass,
    leaseMs: RUN_LIMITS.leaseMs,
    holder: "run-now",
  };
  // A plan served wholly from the cache costs nothing and runs without a reservation: nothing to ask.
  const result =
    plan.cost === 0
      ? undefined
      : (await admit(runtime.ledger, request, () => runtime.keepa(), { dryRun: true })).result;
  if (!result || result.allowed) return { plan, retryAt: null };
  const waitable = ["insufficient", "class_floor", "upstream_blocked", "quota"].includes(result.reason);
  if (!waitable || !queue) throw denialProblem(result);
  return { plan, retryAt: runtime.autosourcing.now() + Math.max(1000, result.retryAfterMs) };
}

/**
 * POST /api/v1/autosourcing/jobs — run a profile now. Planned from the caches and asked of the ledger in dry-run
 * mode first (as the estimate does): a plan that can never fit is 422, one that does not fit now is 429 with
 * Retry-After, or with `"queue": true` a skipped job the scheduler re-queues at its retryAt. Otherwise the job is
 * dispatched to the background worker at once, which reserves under the same batch rules as a scheduled job.
 */
export async function runNow(body: RunNowBody | undefined, ctx: Ctx): Promise<Response> {
  const { runtime } = ctx;
  const deps = servedFrom(runtime.autosourcing, ctx.url);
  const signingSecret = dispatchSecret(deps);
  if (!body) throw problems.badRequest('Send {"profileId"} or {"profile": {discovery, scoring}} as a JSON body.');
  const header = idempotencyKey(ctx.request);
  const key = header === undefined ? undefined : `run-now:${ownerOf(ctx) ?? "local"}:${header}`;
  const replay = await existingJob(deps, key);
  if (replay) return accepted(ctx, replay, false);

  const named = await profileToRun(body, ctx);
  let profileId = named.profileId;
  const { profile } = named;
  const { plan, retryAt } = await admissionOf(ctx, profile, body.queue === true);

  if (!("profileId" in body)) {
    const saved = await savedInline(() =>
      createProfile(runtime.db, {
        ownerKeyId: ownerOf(ctx),
        name: body.profile.name ?? `Run now ${new Date(deps.now()).toISOString()} ${randomUUID().slice(0, 8)}`,
        description: "Saved by POST /api/v1/autosourcing/jobs (inline profile); inactive, never scheduled.",
        discovery: profile.discovery,
        scoring: profile.scoring,
        scheduleMinutes: 24 * 60,
        active: false,
      }),
    );
    profileId = saved.id;
  }
  if (profileId === undefined) throw new Error("run now: no profile");
  const { job, created } = await createTriggeredJob(deps.db, {
    profileId,
    trigger: "manual",
    idempotencyKey: key,
    now: deps.now(),
  });
  if (!created) return accepted(ctx, job, false);
  if (retryAt !== null) {
    const reason = "queued: the Keepa balance does not cover this job now; the scheduler re-queues it at retryAt.";
    await finishJob(deps.db, job.id, skipped(reason, retryAt, plan), deps.now(), "pending");
  } else if (await markDispatched(deps.db, job.id, deps.now())) {
    // The worker answers 202 at once; if it cannot be reached the job stays pending and the next tick sends it.
    await deps.dispatch(signedJobRequest(job.id, { secret: signingSecret, baseUrl: deps.baseUrl, now: deps.now() }));
  }
  return accepted(ctx, (await getJob(deps.db, job.id)) ?? job, true);
}

/** The door of /api/v1/autosourcing/jobs: GET lists jobs, POST runs a profile now. */
export function jobsOrRunNow(input: { query: JobsQuery; body: RunNowBody | undefined }, ctx: Ctx): Promise<Response> {
  if (ctx.request.method.toUpperCase() === "POST") return runNow(input.body, ctx);
  return jobs({ query: input.query }, ctx);
}
