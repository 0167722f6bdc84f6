import { z } from "zod";
import { JOB_STATUSES, PICK_ACTIONS, profileSchedule, WEEKDAYS } from "../../../autosourcing/index.ts";
import { RECOMMENDATIONS, STRATEGY_NAMES } from "../../../sourcing/index.ts";
import { DENIAL_REASONS } from "../../../tokens/index.ts";
import {
  estimateBody,
  jobsQuery,
  pickActionBody,
  profileBody,
  profilesQuery,
  runBody,
  workerBody,
} from "../../autosourcing/inputs.ts";
import { runNowBody } from "../../autosourcing/run-now.ts";
import { Asin, Cents, IdParam, page, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";
import { Condition, pickFields } from "./picks.ts";
import { PlanCore, Spread, Verified } from "./products.ts";

const Uuid = z.lazy(() => z.uuid());
const Recommendation = z.lazy(() => z.enum(RECOMMENDATIONS));
const Tier = z.lazy(() =>
  z.enum(["HOT", "TOP", "WATCH", "OTHER"]).meta({ description: "The pick's tier, best first" }),
);
const JobStatus = z.lazy(() => z.enum(JOB_STATUSES).meta({ id: "JobStatus" }));
const PickAction = z.lazy(() =>
  z.enum(PICK_ACTIONS).meta({ id: "PickAction", description: "What the seller decided" }),
);

// ---- profiles -------------------------------------------------------------------------------------------------

const CostModelOut = z.lazy(() =>
  z.discriminatedUnion("model", [
    z.object({ model: z.literal("percentOfSell"), percent: z.number() }),
    z.object({ model: z.literal("flatCents"), cents: Cents }),
    z.object({ model: z.literal("perItem"), items: z.record(z.string(), Cents) }),
    z.object({ model: z.literal("amazonOffer"), condition: Condition }),
  ]),
);

/** A profile's discovery as saved, with today's defaults filled in. */
const Discovery = z.lazy(() =>
  z
    .object({
      categories: z.array(z.number().int()).meta({ description: "Books category ids; their union is searched" }),
      bsrMin: z.number().int().optional(),
      bsrMax: z.number().int().optional(),
      priceMin: z.number().optional().meta({ description: "Dollars, on the NEW price (as the request takes it)" }),
      priceMax: z.number().optional().meta({ description: "Dollars, on the NEW price (as the request takes it)" }),
      excludeAmazon: z.boolean(),
      maxResults: z.number().int(),
      freshness: z.object({ productsMaxAgeMinutes: z.number().int(), discoveryMaxAgeMinutes: z.number().int() }),
    })
    .meta({ id: "ProfileDiscovery", description: "What the profile searches" }),
);

const Scoring = z.lazy(() =>
  z
    .object({
      strategy: z.enum(STRATEGY_NAMES),
      minRoi: z.number(),
      minVelocity: z.number(),
      minRecommendation: Recommendation,
      maxPicks: z.number().int(),
      sellCondition: Condition.optional(),
      costModel: CostModelOut.optional(),
      sourcePrice: z.number().optional().meta({ description: "Dollars: shorthand for costModel flatCents" }),
      verify: z.number().int(),
      keepBelowMinProfit: z.boolean(),
    })
    .meta({ id: "ProfileScoring", description: "Which scored products become picks, and their economics" }),
);

const NextRun = z.lazy(() =>
  z.object({
    at: Timestamp,
    local: z.string().nullable().meta({ description: "Local wall time with offset; null for a scheduleMinutes run" }),
    weekday: z.enum(WEEKDAYS).optional(),
  }),
);

export const Profile = z.lazy(() =>
  z
    .object({
      id: Uuid,
      name: z.string(),
      description: z.string().nullable(),
      discovery: Discovery,
      scoring: Scoring,
      scheduleMinutes: z.number().int(),
      schedule: profileSchedule.nullable().meta({ description: "Local times; replaces scheduleMinutes when set" }),
      nextRuns: z.array(NextRun).meta({ description: "The next 5 runs (none for a schedule that no longer reads)" }),
      active: z.boolean(),
      createdAt: Timestamp,
      updatedAt: Timestamp,
      lastRun: z.object({ at: Timestamp.nullable(), status: JobStatus.nullable(), jobId: Uuid.nullable() }),
      runCount: z.number().int(),
      ownerKeyId: Uuid.nullable().meta({ description: "The API key whose tokens its jobs spend; null in local mode" }),
    })
    .meta({ id: "AutoSourcingProfile" }),
);

const ProfileEnvelope = z.lazy(() => z.object({ profile: Profile }));

// ---- plans and estimates --------------------------------------------------------------------------------------

const TokenPlan = z.lazy(() =>
  PlanCore.unwrap().meta({
    id: "AutoSourcingPlan",
    description: "The job's token plan, made from the caches (0 tokens)",
  }),
);

/** A job's plan as recorded when it ran: the plan, what it verified and where its products sat in the BSR range. */
const JobPlan = z.lazy(() =>
  TokenPlan.unwrap()
    .extend({
      verified: Verified,
      spread: Spread,
      configVersion: z.number().int(),
    })
    .partial({ verified: true, spread: true, configVersion: true })
    .meta({ id: "AutoSourcingJobPlan" }),
);

const EstimateReason = z.lazy(() => z.enum([...DENIAL_REASONS, "balance_unknown", "plan_exceeds_budget"]));

const Estimate = z.lazy(() =>
  z.object({
    estimatedTokens: z.number().int(),
    maxAllowed: z.number().int().meta({ description: "The auto_sourcing_job budget" }),
    plan: TokenPlan,
    balance: z.object({
      available: z.number().nullable(),
      spendableForBatch: z.number().nullable(),
      batchFloor: z.number().nullable(),
    }),
    fitsNow: z.boolean().nullable().meta({ description: "null when the balance cannot be known now" }),
    reason: EstimateReason.nullable(),
  }),
);

// ---- jobs and picks -------------------------------------------------------------------------------------------

const jobFields = () => ({
  id: Uuid,
  profileId: Uuid,
  profileName: z.string(),
  status: JobStatus,
  statusReason: z.string().nullable(),
  retryAt: Timestamp.nullable(),
  tokensReserved: z.number().int(),
  tokensSpent: z.number().int(),
  testedCount: z.number().int(),
  selectedCount: z.number().int(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  durationMs: z.number().int().nullable(),
});

const PickPreview = z.lazy(() =>
  z.object({
    asin: Asin,
    title: z.string().nullable(),
    tier: Tier,
    roiPercent: z.number().nullable(),
    recommendation: Recommendation,
  }),
);

const JobListEntry = z.lazy(() =>
  z
    .object({ ...jobFields(), picks: z.array(PickPreview).meta({ description: "The 3 best picks" }) })
    .meta({ id: "AutoSourcingJobSummary" }),
);

export const JobDetail = z.lazy(() =>
  z
    .object({
      ...jobFields(),
      trigger: z.enum(["schedule", "webhook", "manual"]),
      slot: Timestamp.nullable(),
      attempts: z.number().int(),
      createdAt: Timestamp,
      deadlineAt: Timestamp.nullable(),
      error: z.string().nullable(),
      plan: JobPlan.nullable(),
    })
    .meta({ id: "AutoSourcingJob" }),
);

/** A job's pick: the fields every view of a pick has (operations/picks.ts), with its ASIN's history. */
const pickViewShape = () => ({
  ...pickFields(),
  history: z.object({
    sightings: z.number().int().meta({ description: "Fresh sightings of the ASIN in this profile" }),
    firstSeenAt: Timestamp.nullable(),
    isNew: z.boolean().meta({ description: "No earlier pick of the ASIN in the profile" }),
  }),
});

export const Pick = z.lazy(() => z.object(pickViewShape()).meta({ id: "AutoSourcingPick" }));

const JobAccepted = z.lazy(() =>
  z.object({
    job: JobDetail,
    statusUrl: z.url().meta({ description: "Where to poll the job" }),
    created: z.boolean().meta({ description: "false: an Idempotency-Key replay, the job made the first time" }),
  }),
);

const WorkerResult = z.lazy(() =>
  z.union([
    z.object({ jobId: Uuid, ran: z.literal(true), status: JobStatus, tokensSpent: z.number().int() }),
    z.object({
      jobId: Uuid,
      ran: z.literal(false),
      reason: z.enum(["not_found", "not_pending", "claimed_elsewhere"]),
      status: JobStatus.nullable(),
    }),
  ]),
);

const Dispatched = z.lazy(() => z.object({ jobId: Uuid, sent: z.boolean(), status: z.number().int().nullable() }));

const TickSummary = z.lazy(() =>
  z.object({
    at: Timestamp,
    reaped: z.array(Uuid),
    created: z.array(Uuid),
    requeued: z.array(Uuid),
    dispatched: z.array(Dispatched),
    webhooks: z.object({ delivered: z.number().int(), failed: z.number().int() }),
    analyses: z.union([
      z.object({
        reaped: z.array(Uuid),
        requeued: z.array(Uuid),
        gaveUp: z.array(Uuid),
        dispatched: z.array(z.object({ analysisId: Uuid, sent: z.boolean(), status: z.number().int().nullable() })),
      }),
      z.object({ error: z.string() }),
    ]),
  }),
);

// ---- operations -----------------------------------------------------------------------------------------------

const PROFILES = "/api/v1/autosourcing/profiles";
const PROFILE = "/api/v1/autosourcing/profiles/{id}";
const JOBS = "/api/v1/autosourcing/jobs";

const profileOperations = (): readonly Operation[] => [
  {
    id: "listAutoSourcingProfiles",
    method: "get",
    path: PROFILES,
    fn: "autosourcing-profiles",
    tag: "AutoSourcing",
    summary: "Saved profiles, oldest first, a page at a time",
    access: "apiKey",
    query: profilesQuery,
    replies: { 200: { description: "A page of profiles.", schema: page(Profile) } },
  },
  {
    id: "createAutoSourcingProfile",
    method: "post",
    path: PROFILES,
    fn: "autosourcing-profiles",
    tag: "AutoSourcing",
    summary: "Save a profile; its jobs spend the saving key's tokens and daily quota",
    access: "apiKey",
    scopes: ["data:write", "tokens:spend"],
    // The door reads its query on every method; a POST's is ignored but still checked.
    query: profilesQuery,
    body: profileBody,
    replies: { 201: { description: "Saved.", schema: ProfileEnvelope, headers: ["Location"] } },
    problems: { 409: ["name_taken"] },
  },
];

/** One saved profile: read, replace, delete. */
const profileItemOperations = (): readonly Operation[] => [
  {
    id: "getAutoSourcingProfile",
    method: "get",
    path: PROFILE,
    fn: "autosourcing-profile",
    tag: "AutoSourcing",
    summary: "One profile, with its next runs",
    access: "apiKey",
    params: IdParam(),
    replies: { 200: { description: "The profile.", schema: ProfileEnvelope } },
    problems: { 404: ["not_found"] },
  },
  {
    id: "replaceAutoSourcingProfile",
    method: "put",
    path: PROFILE,
    fn: "autosourcing-profile",
    tag: "AutoSourcing",
    summary: "Replace a profile (the saving key becomes its owner)",
    access: "apiKey",
    scopes: ["data:write", "tokens:spend"],
    params: IdParam(),
    body: profileBody,
    replies: { 200: { description: "The profile as saved.", schema: ProfileEnvelope } },
    problems: { 404: ["not_found"], 409: ["name_taken"] },
  },
  {
    id: "deleteAutoSourcingProfile",
    method: "delete",
    path: PROFILE,
    fn: "autosourcing-profile",
    tag: "AutoSourcing",
    summary: "Delete a profile with its jobs, picks and sightings",
    access: "apiKey",
    scopes: ["data:write"],
    params: IdParam(),
    replies: { 204: { description: "Deleted." } },
    problems: { 404: ["not_found"] },
  },
];

const jobOperations = (): readonly Operation[] => [
  {
    id: "estimateAutoSourcingJob",
    method: "post",
    path: "/api/v1/autosourcing/estimate",
    fn: "autosourcing-estimate",
    tag: "AutoSourcing",
    summary: "A job's cost plan and whether the ledger would admit it now",
    description: "The reserve script answers in its dry-run mode, so the estimate never disagrees with the ledger.",
    access: "apiKey",
    body: estimateBody,
    replies: { 200: { description: "The plan and the fit.", schema: Estimate } },
    problems: { 404: ["not_found"], 503: ["store_unavailable"] },
  },
  {
    id: "listAutoSourcingJobs",
    method: "get",
    path: JOBS,
    fn: "autosourcing-jobs",
    tag: "AutoSourcing",
    summary: "Jobs, newest first, each with its 3 best picks, a page at a time",
    access: "apiKey",
    query: jobsQuery,
    replies: { 200: { description: "A page of jobs.", schema: page(JobListEntry) } },
  },
  {
    id: "runAutoSourcingJobNow",
    method: "post",
    path: JOBS,
    fn: "autosourcing-jobs",
    tag: "AutoSourcing",
    summary: "Run a saved or inline profile now",
    description:
      "Planned and dry-run admitted first: 422 when it can never fit, 429 when not now (or with `queue: true` a " +
      "skipped job with `retryAt`). `Idempotency-Key` makes a retry return the same job.",
    access: "apiKey",
    scopes: ["data:write", "tokens:spend"],
    action: "auto_sourcing_job",
    // The door reads its query on every method; a POST's is ignored but still checked.
    query: jobsQuery,
    body: runNowBody,
    replies: { 202: { description: "The job, handed to the worker.", schema: JobAccepted, headers: ["Location"] } },
    problems: { 404: ["not_found"], 409: ["name_taken"], 503: ["worker_disabled"] },
  },
];

/** One job: its detail and what the seller decides about its picks. */
const jobItemOperations = (): readonly Operation[] => [
  {
    id: "getAutoSourcingJob",
    method: "get",
    path: "/api/v1/autosourcing/jobs/{id}",
    fn: "autosourcing-job",
    tag: "AutoSourcing",
    summary: "One job with all its picks (best tier first) and each ASIN's history",
    access: "apiKey",
    params: IdParam(),
    replies: {
      200: {
        description: "The job and its picks (at most the profile's maxPicks, 100).",
        schema: z.object({ job: JobDetail, picks: z.array(Pick) }),
      },
    },
    problems: { 404: ["not_found"] },
  },
  {
    id: "setAutoSourcingPickAction",
    method: "put",
    path: "/api/v1/autosourcing/picks/{id}/action",
    fn: "autosourcing-pick-action",
    tag: "AutoSourcing",
    summary: "Record what the seller decided about a pick (the system never buys)",
    access: "apiKey",
    scopes: ["data:write"],
    params: IdParam(),
    body: pickActionBody,
    replies: {
      200: {
        description: "The pick's decision.",
        schema: z.object({
          pick: z.object({
            id: Uuid,
            jobId: Uuid,
            asin: Asin,
            actionStatus: PickAction,
            actionAt: Timestamp.nullable(),
            notes: z.string().nullable(),
          }),
        }),
      },
    },
    problems: { 404: ["not_found"] },
  },
];

const triggerOperations = (): readonly Operation[] => [
  {
    id: "triggerAutoSourcingRun",
    method: "post",
    path: "/api/v1/autosourcing/run",
    fn: "autosourcing-run",
    tag: "AutoSourcing",
    summary: "Signed trigger for automation tools: start a profile's job",
    description:
      "Signed with WEBHOOK_SECRET; a signature is usable once. A retry under the same `Idempotency-Key` gets the " +
      "same job.",
    access: "signature",
    body: runBody,
    replies: {
      202: {
        description: "The job, handed to the worker.",
        schema: z.object({ jobId: Uuid, status: JobStatus, statusUrl: z.url(), created: z.boolean() }),
        headers: ["Location"],
      },
    },
    problems: { 400: ["invalid_input"], 404: ["not_found"], 409: ["signature_replayed", "idempotency_key_reused"] },
  },
  {
    id: "runAutoSourcingWorker",
    method: "post",
    path: "/.netlify/functions/autosourcing-run-background",
    fn: "autosourcing-run-background",
    tag: "Internal",
    summary: "The background worker: runs one job (signed with INTERNAL_SIGNING_SECRET)",
    access: "internal",
    body: workerBody,
    replies: {
      200: { description: "What the run did (Netlify itself answers the caller 202 at once).", schema: WorkerResult },
      202: { description: "Netlify accepted the background invocation." },
    },
  },
  {
    id: "tickAutoSourcingScheduler",
    method: "post",
    path: "/.netlify/functions/autosourcing-scheduler",
    fn: "autosourcing-scheduler",
    tag: "Internal",
    summary: "The scheduled tick: reap, re-queue, create due jobs, dispatch them, retry webhooks",
    access: "public",
    replies: { 200: { description: "What the tick did.", schema: TickSummary } },
    // It takes no body schema, but the pipeline still refuses a body it cannot read before the tick runs.
    problems: {
      400: ["invalid_input"],
      413: ["payload_too_large"],
      415: ["unsupported_media_type"],
      503: ["database_unavailable"],
    },
  },
];

export const autosourcingOperations = (): readonly Operation[] => [
  ...profileOperations(),
  ...profileItemOperations(),
  ...jobOperations(),
  ...jobItemOperations(),
  ...triggerOperations(),
];
