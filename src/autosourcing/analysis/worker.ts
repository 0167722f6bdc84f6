import { randomUUID } from "node:crypto";
import { log } from "../../shared/index.ts";
import { closedMeter } from "../../sourcing/index.ts";
import type { Cuts, SourcingRuntime } from "../../sourcing/index.ts";
import { actionCost, isLedgerError, refusalSentence, withReservation } from "../../tokens/index.ts";
import type { Denial, TokenBudget } from "../../tokens/index.ts";
import type { AutosourcingDeps } from "../deps.ts";
import { getProfileOwner } from "../store/profiles.ts";
import { errorText } from "../worker/outcome.ts";
import { planScreen, rowVerdict, runScreen, shrinkPlan } from "./screen.ts";
import type { ScreenPlan, ScreenRow } from "./screen.ts";
import {
  claimAnalysis,
  commitChunk,
  economicsOf,
  getAnalysis,
  markChunkReserved,
  nextPendingRows,
  releaseAnalysis,
} from "./store.ts";
import type { AnalysisEnd, AnalysisRecord, RowAnswer } from "./store.ts";
import { ANALYSIS_LIMITS } from "./types.ts";
import type { AnalysisEconomics, AnalysisStatus } from "./types.ts";

/**
 * The background worker's core (analysis-run-background, 15 min), callable without HTTP: claims a pending analysis,
 * then screens its pending rows chunk by chunk — each chunk its own `batch_analysis_job` reservation (a batch action:
 * the interactive reserve stays untouched), each chunk's results and spend committed in one transaction — until the
 * rows run out (complete), the ledger refuses (waiting, with the ledger's retry time), or the run's time is up (back
 * to pending for the next tick). It never spends more than the ledger admits, and never throws for a run failure.
 */

export type AnalysisRunResult =
  | {
      analysisId: string;
      ran: false;
      reason: "not_found" | "not_pending" | "claimed_elsewhere";
      status: AnalysisStatus | null;
    }
  | { analysisId: string; ran: true; status: AnalysisStatus; reason: string | null; chunks: number; spent: number };

type Quota = { apiKeyId: string; dailyLimit: number };

type Work = {
  id: string;
  holder: string;
  startedAt: number;
  economics: AnalysisEconomics;
  quota: Quota | undefined;
  /** Wall-clock time Keepa calls stop (the client checks it against Date.now()). */
  keepaDeadline: number;
};

/** Whose tokens it spends: the key that created it, still active and allowed to spend; its daily quota applies. */
async function spender(deps: AutosourcingDeps, record: AnalysisRecord): Promise<{ quota?: Quota } | AnalysisEnd> {
  if (record.owner_key_id === null) {
    if (deps.localMode) return {};
    return { status: "failed", reason: "owner_missing: the analysis has no owner key; nothing was spent." };
  }
  const owner = await getProfileOwner(deps.db, record.owner_key_id);
  if (!owner?.active)
    return { status: "failed", reason: "owner_revoked: the API key that created this analysis was revoked." };
  if (!owner.canSpend)
    return { status: "failed", reason: 'owner_cannot_spend: the API key that created it lacks "tokens:spend".' };
  return owner.dailyTokenQuota === null ? {} : { quota: { apiKeyId: owner.id, dailyLimit: owner.dailyTokenQuota } };
}

type ChunkStep =
  | { kind: "done"; answered: number; cuts: Cuts }
  | { kind: "denied"; denial: Denial; answered: number }
  | { kind: "lost" };

function answersFor(rows: readonly ScreenRow[], outcome: Awaited<ReturnType<typeof runScreen>>, work: Work) {
  return rows.map((row): RowAnswer => {
    const result = outcome.results.get(row.key) ?? { status: "unscreened" as const, reason: "not screened" };
    return { row: row.row, ...rowVerdict(row, result, work.economics) };
  });
}

const runtimeFor = (deps: AutosourcingDeps, keepa: SourcingRuntime["keepa"], remaining: () => number) => ({
  keepa,
  cache: deps.cache,
  domain: deps.domain,
  remaining,
  now: deps.now,
});

/** The rows the caches answer, committed for 0 tokens (no reservation, a client that admits nothing). */
async function commitCached(deps: AutosourcingDeps, work: Work, rows: readonly ScreenRow[], plan: ScreenPlan) {
  const cachedOnly: ScreenPlan = { ...plan, asins: [], codes: [], cost: 0 };
  const mine = rows.filter((r) => plan.cached.has(r.key));
  if (mine.length === 0) return { answered: 0, held: true, cuts: { notes: [], failures: [] } as Cuts };
  const outcome = await runScreen(
    runtimeFor(deps, deps.keepa({ meter: closedMeter }), () => 0),
    cachedOnly,
    mine,
  );
  const held = await commitChunk(deps.db, work.id, work.holder, answersFor(mine, outcome, work), 0, deps.now());
  return { answered: mine.length, held, cuts: outcome.cuts };
}

/** Whether a refused chunk can go smaller and still be worth a reservation. */
function shrinkable(denial: Denial, plan: ScreenPlan): number | undefined {
  if (!["insufficient", "class_floor", "exceeds_capacity"].includes(denial.reason)) return undefined;
  const tokens = Math.floor(denial.balance);
  return tokens >= ANALYSIS_LIMITS.minChunkTokens && tokens < plan.cost ? tokens : undefined;
}

/** One chunk: plan from the caches, reserve what it needs (smaller if that is all the ledger gives), screen, commit. */
async function screenChunk(deps: AutosourcingDeps, work: Work, rows: readonly ScreenRow[]): Promise<ChunkStep> {
  let plan = await planScreen(deps.cache, deps.domain, rows);
  if (plan.cost === 0) {
    const cached = await commitCached(deps, work, rows, plan);
    return cached.held ? { kind: "done", answered: cached.answered, cuts: cached.cuts } : { kind: "lost" };
  }
  const { action, class: tokenClass, cost: budget } = actionCost(deps.registry, "batch_analysis_job");
  const reserveFor = (p: ScreenPlan) => ({
    action,
    cost: Math.min(p.cost, budget),
    class: tokenClass,
    leaseMs: ANALYSIS_LIMITS.reservationLeaseMs,
    holder: `analysis:${work.id}`,
    ...(work.quota ? { quota: work.quota } : {}),
  });
  const screen = async (budgetOf: TokenBudget, p: ScreenPlan) => {
    await markChunkReserved(deps.db, work.id, work.holder, budgetOf.reservation);
    const keepa = deps.keepa({ meter: budgetOf, deadline: () => work.keepaDeadline });
    let outcome;
    try {
      outcome = await runScreen(
        runtimeFor(deps, keepa, () => budgetOf.remaining),
        p,
        rows,
      );
    } catch (error) {
      // What the failed chunk spent is still recorded (no row is answered), then the failure ends the run.
      await commitChunk(deps.db, work.id, work.holder, [], budgetOf.spent, deps.now()).catch(() => false);
      throw error;
    }
    const answers = answersFor(rows, outcome, work);
    const held = await commitChunk(deps.db, work.id, work.holder, answers, budgetOf.spent, deps.now());
    const answered = answers.filter((a) => a.status !== "skipped_budget").length;
    return { held, answered, cuts: outcome.cuts };
  };
  const spendDeps = { ledger: deps.ledger, keepaForSync: () => deps.keepa() };
  let spent = await withReservation(spendDeps, reserveFor(plan), (b) => screen(b, plan));
  if (spent.reason === "denied") {
    const smaller = shrinkable(spent.denial, plan);
    if (smaller !== undefined) {
      plan = shrinkPlan(plan, smaller);
      const shrunk = plan;
      spent = await withReservation(spendDeps, reserveFor(shrunk), (b) => screen(b, shrunk));
    }
  }
  if (spent.reason === "denied") {
    // The tokens are not there; what the caches hold is answered anyway, for free.
    const cached = await commitCached(deps, work, rows, plan);
    return cached.held ? { kind: "denied", denial: spent.denial, answered: cached.answered } : { kind: "lost" };
  }
  if (spent.reason === "failed") throw spent.error;
  if (!spent.value.held) return { kind: "lost" };
  return { kind: "done", answered: spent.value.answered, cuts: spent.value.cuts };
}

/** A refusal is the analysis's pause: waiting with the ledger's reason and retry time — never spent anyway. */
function waitFor(deps: AutosourcingDeps, denial: Denial): AnalysisEnd {
  const reason = `${denial.reason}: ${refusalSentence(denial)}`;
  if (denial.reason === "exceeds_capacity") return { status: "failed", reason };
  return { status: "waiting", reason, retryAt: deps.now() + Math.max(1000, denial.retryAfterMs) };
}

const retryLater = (deps: AutosourcingDeps, reason: string): AnalysisEnd => ({
  status: "waiting",
  reason: reason.slice(0, 1000),
  retryAt: deps.now() + ANALYSIS_LIMITS.retryAfterFailureMs,
});

async function chunks(deps: AutosourcingDeps, work: Work, counter: { chunks: number }): Promise<AnalysisEnd> {
  const size = Math.min(ANALYSIS_LIMITS.chunkRows, actionCost(deps.registry, "batch_analysis_job").cost);
  for (;;) {
    if (deps.now() - work.startedAt >= ANALYSIS_LIMITS.workMs)
      return { status: "pending", reason: "time_limit: this run used its time; the next tick continues it" };
    const rows = await nextPendingRows(deps.db, work.id, size);
    if (rows.length === 0) return { status: "complete", reason: null };
    const step = await screenChunk(deps, work, rows);
    counter.chunks += 1;
    if (step.kind === "lost") return { status: "pending", reason: "lease_lost" };
    if (step.kind === "denied") return waitFor(deps, step.denial);
    const failure = step.cuts.notes.find((c) => c.reason === "keepa_error");
    if (failure) return retryLater(deps, `keepa_${failure.keepaError ?? "error"}: ${failure.detail}`);
    if (step.cuts.notes.some((c) => c.reason === "deadline"))
      return { status: "pending", reason: "time_limit: this run used its time; the next tick continues it" };
    if (step.answered === 0) return retryLater(deps, "no_progress: no row of the chunk could be screened");
  }
}

/** After a Keepa 429 the breaker is open: wait until it opens again, at least a minute. */
async function afterFailure(deps: AutosourcingDeps, error: unknown): Promise<AnalysisEnd> {
  if (isLedgerError(error))
    return retryLater(deps, "store_unavailable: the token ledger cannot be reached, so no Keepa call was made.");
  const status = await deps.ledger.status().catch(() => undefined);
  const blocked = status?.breaker.open && status.breaker.blockedUntil !== null ? status.breaker.blockedUntil : 0;
  const wait = Math.max(ANALYSIS_LIMITS.retryAfterFailureMs, blocked - (status?.now ?? 0));
  return { status: "waiting", reason: `error: ${errorText(error)}`.slice(0, 1000), retryAt: deps.now() + wait };
}

export async function runAnalysis(analysisId: string, deps: AutosourcingDeps): Promise<AnalysisRunResult> {
  const record = await getAnalysis(deps.db, analysisId);
  if (!record) return { analysisId, ran: false, reason: "not_found", status: null };
  if (record.status !== "pending") return { analysisId, ran: false, reason: "not_pending", status: record.status };
  const holder = `run:${randomUUID()}`;
  const startedAt = deps.now();
  if (!(await claimAnalysis(deps.db, analysisId, holder, startedAt)))
    return { analysisId, ran: false, reason: "claimed_elsewhere", status: null };
  const counter = { chunks: 0 };
  let end: AnalysisEnd;
  try {
    const spending = await spender(deps, record);
    if ("status" in spending) end = spending;
    else {
      const work: Work = {
        id: analysisId,
        holder,
        startedAt,
        economics: economicsOf(record),
        quota: spending.quota,
        keepaDeadline: Date.now() + ANALYSIS_LIMITS.workMs,
      };
      end = await chunks(deps, work, counter);
    }
  } catch (error) {
    end = await afterFailure(deps, error);
  }
  await releaseAnalysis(deps.db, analysisId, holder, end, deps.now());
  const after = await getAnalysis(deps.db, analysisId);
  log("info", "batch analysis run finished", {
    analysisId,
    status: end.status,
    reason: end.reason,
    chunks: counter.chunks,
    spent: after?.tokens_spent,
  });
  return {
    analysisId,
    ran: true,
    status: after?.status ?? end.status,
    reason: end.reason,
    chunks: counter.chunks,
    spent: after?.tokens_spent ?? 0,
  };
}
