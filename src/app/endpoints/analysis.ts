import {
  analysisOptions,
  analysisProgress,
  analysisRowsPage,
  analysisView,
  createAnalysis,
  getAnalysis,
  markAnalysisDispatched,
  mergedOptions,
  MissingSecretError,
  parseCsvList,
  parseJsonItems,
  planScreen,
  progressOf,
  rowVerdict,
  rowView,
  runAnalysis,
  runScreen,
  SCREENING_NOTE,
  servedFrom,
  signedAnalysisRequest,
  storedRowView,
} from "../../autosourcing/index.ts";
import type {
  AnalysisRecord,
  AnalysisResultsQuery,
  AnalysisWorkerBody,
  AnalyzeBody,
  AnalyzeQuery,
  ParsedList,
  ScreenOutcome,
  ScreenRow,
} from "../../autosourcing/index.ts";
import { HttpProblem, jsonResponse, problems, validate } from "../../shared/index.ts";
import type { Services } from "../../shared/index.ts";
import { currencyOf } from "../../keepa/index.ts";
import { closedMeter, costModelEcho } from "../../sourcing/index.ts";
import { actionCost } from "../../tokens/index.ts";
import { LOCAL_IDENTITY_ID } from "../auth/authenticate.ts";
import { idParam } from "../autosourcing/inputs.ts";
import type { EndpointContext } from "../endpoint.ts";
import { respondGuarded } from "../guard.ts";
import type { Runtime } from "../runtime.ts";

/**
 * Batch analysis over HTTP (docs/analysis.md): `POST /api/v1/analyze` parses the list, answers a small one at once
 * behind the token guard (batch_analysis, the plan's cost: uncached identifiers × 1 token), and stores a large one
 * for the background worker (batch_analysis_job per chunk), answering 202 with where to follow it.
 */

type Ctx = EndpointContext<Runtime>;

/** What `POST /api/v1/analyze` reads itself: an uploaded CSV (JSON goes through the body schema). */
export const ANALYZE_RAW_TYPES = ["text/csv"] as const;
/** 1,000 rows with an identifier, a cost and a condition each, as JSON, with room to spare. */
export const ANALYZE_BODY_LIMIT_BYTES = 256 * 1024;

const isCsv = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() === "text/csv";

/** The fixed local key has no row: an analysis it creates has no owner (local mode only). */
const ownerOf = (ctx: EndpointContext): string | null =>
  ctx.auth === undefined || ctx.auth.apiKeyId === LOCAL_IDENTITY_ID ? null : ctx.auth.apiKeyId;

async function parseList(query: AnalyzeQuery, body: AnalyzeBody | undefined, ctx: Ctx): Promise<ParsedList> {
  if (isCsv(ctx.request)) {
    const economics = validate(analysisOptions, mergedOptions(query, undefined), "query");
    return parseCsvList(await ctx.rawBody(), economics);
  }
  if (!body)
    throw problems.badRequest(
      'Send {"items": [{"id": …, "costCents"?: …, "condition"?: …}]} as JSON, or a CSV with Content-Type: text/csv.',
    );
  const economics = validate(analysisOptions, mergedOptions(query, body), "body");
  return parseJsonItems(body.items, economics);
}

function listEcho(list: ParsedList) {
  return {
    screening: SCREENING_NOTE,
    strategy: list.economics.strategy,
    sellCondition: list.economics.sellCondition,
    costModel: costModelEcho(list.economics.costModel),
    rowsRead: list.rowsRead,
    invalid: list.rows
      .filter((r) => r.status === "invalid")
      .map((r) => ({ row: r.row, input: r.input, reason: r.reason })),
    duplicates: list.duplicates,
  };
}

const screenRows = (list: ParsedList): ScreenRow[] =>
  list.rows.flatMap((r) =>
    r.status === "pending" && r.key !== null && r.kind !== null
      ? [{ row: r.row, key: r.key, kind: r.kind, costCents: r.costCents, sellCondition: r.sellCondition }]
      : [],
  );

/** A list within the interactive budget, answered now: every row with its verdict, nothing stored. */
async function answerNow(ctx: Ctx, list: ParsedList, rows: ScreenRow[]): Promise<Response> {
  const { cache, planning } = ctx.runtime;
  const plan = await planScreen(cache, planning.domain, rows);
  ctx.log.set({ analysisRows: list.rows.length, planCost: plan.cost });
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const currency = currencyOf(planning.domain);
  const body = (outcome: ScreenOutcome) => {
    const results = list.rows.map((row) => {
      const screened = byRow.get(row.row);
      const result = screened ? outcome.results.get(screened.key) : undefined;
      return rowView(row, currency, screened && result ? rowVerdict(screened, result, list.economics) : undefined);
    });
    const partial = outcome.cuts.notes.length > 0;
    return {
      analysisId: null,
      mode: "immediate",
      status: "complete",
      progress: progressOf(results),
      ...listEcho(list),
      results,
      partial,
      cuts: outcome.cuts.notes,
    };
  };
  const cacheHits = { discovery: 0, products: plan.cached.size };
  const runtime = { cache, domain: planning.domain, now: planning.now };
  if (plan.cost === 0) {
    const keepa = ctx.runtime.keepa({ meter: closedMeter });
    const outcome = await runScreen({ ...runtime, keepa, remaining: () => 0 }, plan, rows);
    const tokens = { action: "batch_analysis", reserved: 0, spent: 0, released: 0, partial: false, cacheHits };
    return jsonResponse({ ...body(outcome), tokens });
  }
  return respondGuarded(
    ctx,
    "batch_analysis",
    async ({ keepa, budget }) => {
      const outcome = await runScreen({ ...runtime, keepa, remaining: () => budget.remaining }, plan, rows);
      // Keepa failing with nothing to show is an outage, answered as one (502/503), not as a list of skips.
      const failure = outcome.cuts.failures[0];
      if (failure && outcome.fetched === 0 && plan.cached.size === 0) throw failure;
      const answer = body(outcome);
      return { body: answer, partial: answer.partial, cacheHits, productsFetched: outcome.fetched };
    },
    { cost: plan.cost },
  );
}

/** The worker's signing key, read before anything is stored: a missing one must not leave an analysis nobody runs. */
function dispatchSecret(signingSecret: () => string): string {
  try {
    return signingSecret();
  } catch (error) {
    if (error instanceof MissingSecretError) {
      const detail = `Lists of more than 100 identifiers run in the background, which is not set up: ${error.message}.`;
      throw new HttpProblem({ title: "Service Unavailable", status: 503, detail, reason: "worker_disabled" });
    }
    throw error;
  }
}

/** A list beyond the interactive budget: every row stored first, then handed to the background worker. */
async function answerLater(ctx: Ctx, list: ParsedList): Promise<Response> {
  const deps = servedFrom(ctx.runtime.autosourcing, ctx.url);
  const secret = dispatchSecret(deps.signingSecret);
  const id = await createAnalysis(deps.db, {
    ownerKeyId: ownerOf(ctx),
    economics: list.economics,
    rows: list.rows,
    now: deps.now(),
  });
  ctx.log.set({ analysisId: id, analysisRows: list.rows.length });
  if (await markAnalysisDispatched(deps.db, id, deps.now())) {
    // The worker answers 202 at once; if it cannot be reached the analysis stays pending and the next tick sends it.
    await deps.dispatch(signedAnalysisRequest(id, { secret, baseUrl: deps.baseUrl, now: deps.now() }));
  }
  const statusUrl = new URL(`/api/v1/analyze/${id}`, ctx.url).toString();
  const answer = {
    analysisId: id,
    mode: "background",
    status: "pending",
    statusUrl,
    resultsUrl: `${statusUrl}/results`,
    progress: progressOf(list.rows),
    ...listEcho(list),
  };
  return jsonResponse(answer, { status: 202, headers: { location: statusUrl } });
}

/**
 * POST /api/v1/analyze — up to 1,000 identifiers (JSON items or a CSV upload). Invalid rows are reported, not
 * fatal; duplicates collapse. At most `batch_analysis`'s budget of valid identifiers (100) are screened at once;
 * more run in the background (202).
 */
export async function analyze(
  input: { query: AnalyzeQuery; body: AnalyzeBody | undefined },
  ctx: Ctx,
): Promise<Response> {
  const list = await parseList(input.query, input.body, ctx);
  const rows = screenRows(list);
  const atOnce = actionCost(ctx.runtime.costs, "batch_analysis").cost;
  ctx.log.set({ analysisMode: rows.length <= atOnce ? "immediate" : "background" });
  if (rows.length <= atOnce) return answerNow(ctx, list, rows);
  return answerLater(ctx, list);
}

/** An analysis is its creator's (a supplier's list and costs): another key sees it only with `admin`. */
async function ownAnalysis(ctx: EndpointContext<Services>): Promise<AnalysisRecord> {
  const id = idParam(ctx, "analysis");
  const record = await getAnalysis(ctx.runtime.db, id);
  const mine =
    record !== undefined &&
    (record.owner_key_id === null ||
      record.owner_key_id === ctx.auth?.apiKeyId ||
      ctx.auth?.scopes.includes("admin") === true);
  if (!record || !mine) throw problems.notFound(`No analysis with id ${id}.`);
  return record;
}

/** GET /api/v1/analyze/:id — status, progress by row status, tokens spent. 0 tokens. */
export async function analysisStatus(_input: unknown, ctx: EndpointContext<Services>): Promise<Response> {
  const record = await ownAnalysis(ctx);
  const progress = await analysisProgress(ctx.runtime.db, record.id);
  const statusUrl = new URL(`/api/v1/analyze/${record.id}`, ctx.url).toString();
  return jsonResponse({
    analysis: { ...analysisView(record, progress), statusUrl, resultsUrl: `${statusUrl}/results` },
  });
}

/** GET /api/v1/analyze/:id/results?cursor=&limit=&status= — a page of rows in row order (keyset). 0 tokens. */
export async function analysisResults(
  { query }: { query: AnalysisResultsQuery },
  ctx: EndpointContext<Services>,
): Promise<Response> {
  const record = await ownAnalysis(ctx);
  const page = await analysisRowsPage(ctx.runtime.db, record.id, query);
  const currency = currencyOf(ctx.config.KEEPA_DOMAIN);
  return jsonResponse({
    analysisId: record.id,
    status: record.status,
    items: page.rows.map((row) => storedRowView(row, currency)),
    limit: query.limit,
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  });
}

/**
 * The background worker (`analysis-run-background`, up to 15 min; Netlify answers the caller 202 at once). Only a
 * request signed with INTERNAL_SIGNING_SECRET gets in; the body names the analysis.
 */
export async function workAnalysis({ body }: { body: AnalysisWorkerBody | undefined }, ctx: Ctx): Promise<Response> {
  if (!body) throw problems.badRequest('Send {"analysisId": …} as a JSON body.');
  ctx.log.set({ analysisId: body.analysisId });
  const result = await runAnalysis(body.analysisId, ctx.runtime.autosourcing);
  ctx.log.set({ ran: result.ran, analysisStatus: result.status });
  return jsonResponse(result);
}
