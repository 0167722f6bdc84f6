import { z } from "zod";
import {
  ANALYSIS_STATUSES,
  analysisResultsQuery,
  analysisWorkerBody,
  analyzeBody,
  analyzeQuery,
  ROW_STATUSES,
} from "../../../autosourcing/index.ts";
import { CONDITIONS } from "../../../keepa/index.ts";
import { STRATEGY_NAMES } from "../../../sourcing/index.ts";
import { Asin, Cents, Currency, IdParam, page, Timestamp, TokenSummary } from "../common.ts";
import type { Operation } from "../operation.ts";
import { CostModelEcho, CutNote, ScoredProduct } from "./products.ts";

// Batch analysis (docs/analysis.md): a list screened at 1 token per identifier, at once or in the background.

const Condition = z.lazy(() => z.enum(CONDITIONS));

const Progress = z.lazy(() =>
  z
    .object({
      total: z.number().int(),
      done: z.number().int().meta({ description: "Rows no longer pending." }),
      found: z.number().int(),
      notFound: z.number().int(),
      invalid: z.number().int(),
      skippedBudget: z.number().int(),
      pending: z.number().int(),
    })
    .meta({ id: "AnalysisProgress", description: "Rows by status." }),
);

const AnalysisRow = z.lazy(() =>
  z
    .object({
      row: z.number().int().positive().meta({ description: "1-based: items[row − 1], or the CSV's row-th record." }),
      input: z.string().meta({ description: "What the row said (at most 64 characters)." }),
      identifier: z
        .object({
          kind: z.enum(["asin", "isbn13", "code"]),
          asin: Asin.nullable().meta({ description: "For a code, known once Keepa matched it." }),
          code: z.string().nullable().meta({ description: "The 979 ISBN-13 looked up as a code; null otherwise." }),
        })
        .nullable()
        .meta({ description: "What was looked up; null for an invalid row." }),
      status: z.enum(ROW_STATUSES),
      reason: z.string().nullable(),
      currency: Currency,
      costCents: Cents.nullable().meta({ description: "The row's own cost; null: the list's cost model." }),
      sellCondition: Condition,
      duplicateRows: z.array(z.number().int()).meta({ description: "Later rows with the same identifier." }),
      source: z.enum(["cache", "keepa"]).nullable(),
      product: ScoredProduct.nullable().meta({
        description: "The screened product, in the row's economics; only when found.",
      }),
    })
    .meta({ id: "AnalysisRow", description: "One identifier's answer (docs/api.md#analysis-fields)." }),
);

const listEcho = () => ({
  screening: z.string(),
  strategy: z.enum(STRATEGY_NAMES),
  sellCondition: Condition,
  costModel: CostModelEcho,
  rowsRead: z.number().int(),
  invalid: z.array(z.object({ row: z.number().int(), input: z.string(), reason: z.string().nullable() })),
  duplicates: z.array(z.object({ row: z.number().int(), input: z.string(), sameAs: z.number().int() })),
});

const ImmediateAnalysis = z.lazy(() =>
  z
    .object({
      analysisId: z.null(),
      mode: z.literal("immediate"),
      status: z.literal("complete"),
      progress: Progress,
      ...listEcho(),
      results: z.array(AnalysisRow).meta({ description: "Every row, in row order." }),
      partial: z.boolean(),
      cuts: z.array(CutNote),
      tokens: TokenSummary,
    })
    .meta({ id: "ImmediateAnalysis", description: "A list of at most 100 identifiers, answered now; nothing stored." }),
);

const AcceptedAnalysis = z.lazy(() =>
  z
    .object({
      analysisId: z.uuid(),
      mode: z.literal("background"),
      status: z.literal("pending"),
      statusUrl: z.url(),
      resultsUrl: z.url(),
      progress: Progress,
      ...listEcho(),
    })
    .meta({ id: "AcceptedAnalysis", description: "A larger list, stored and handed to the background worker." }),
);

const Analysis = z.lazy(() =>
  z
    .object({
      id: z.uuid(),
      status: z.enum(ANALYSIS_STATUSES),
      statusReason: z.string().nullable(),
      retryAt: Timestamp.nullable().meta({ description: "When a waiting analysis resumes." }),
      progress: Progress,
      tokensSpent: z.number().int(),
      chunks: z.number().int(),
      runs: z.number().int(),
      strategy: z.enum(STRATEGY_NAMES),
      sellCondition: Condition,
      costModel: CostModelEcho,
      screening: z.string(),
      createdAt: Timestamp.nullable(),
      startedAt: Timestamp.nullable(),
      updatedAt: Timestamp.nullable(),
      finishedAt: Timestamp.nullable(),
      statusUrl: z.url(),
      resultsUrl: z.url(),
    })
    .meta({ id: "Analysis", description: "A background analysis: where it is and what it has spent." }),
);

const AnalysisResultsPage = z.lazy(() =>
  page(AnalysisRow)
    .extend({ analysisId: z.uuid(), status: z.enum(ANALYSIS_STATUSES) })
    .meta({ id: "AnalysisResultsPage", description: "A page of an analysis's rows, in row order." }),
);

const RunResult = z.lazy(() =>
  z.discriminatedUnion("ran", [
    z.object({
      analysisId: z.uuid(),
      ran: z.literal(false),
      reason: z.enum(["not_found", "not_pending", "claimed_elsewhere"]),
      status: z.enum(ANALYSIS_STATUSES).nullable(),
    }),
    z.object({
      analysisId: z.uuid(),
      ran: z.literal(true),
      status: z.enum(ANALYSIS_STATUSES),
      reason: z.string().nullable(),
      chunks: z.number().int(),
      spent: z.number().int(),
    }),
  ]),
);

const CSV_UPLOAD =
  "A CSV with a header row: the identifier in a column named id, asin or isbn (also isbn10, isbn13, ean), an " +
  "optional cost (dollars) or cost_cents column, an optional condition column; the options go in the query.";

export const analysisOperations = (): readonly Operation[] => [
  {
    id: "analyze",
    method: "post",
    path: "/api/v1/analyze",
    fn: "analyze",
    tag: "Analysis",
    summary: "Batch analysis of up to 1,000 identifiers (JSON items or a CSV upload)",
    description:
      "At most 100 valid identifiers are screened at once (200); a longer list runs in the background (202 with " +
      "where to follow it), each chunk under `batch_analysis_job`.",
    access: "apiKey",
    scopes: ["tokens:spend"],
    action: "batch_analysis",
    query: analyzeQuery,
    body: analyzeBody,
    rawBodies: { "text/csv": CSV_UPLOAD },
    replies: {
      200: { description: "Every row screened now.", schema: ImmediateAnalysis, headers: ["X-Token-Balance"] },
      202: { description: "Stored; the background worker runs it.", schema: AcceptedAnalysis, headers: ["Location"] },
    },
    problems: { 400: ["too_many_rows", "csv_no_identifier_column"], 503: ["worker_disabled"] },
  },
  {
    id: "getAnalysis",
    method: "get",
    path: "/api/v1/analyze/{id}",
    fn: "analysis-status",
    tag: "Analysis",
    summary: "A background analysis: status, progress, tokens spent",
    access: "apiKey",
    params: IdParam(),
    replies: { 200: { description: "The analysis.", schema: z.object({ analysis: Analysis }) } },
    problems: { 404: ["not_found"] },
  },
  {
    id: "listAnalysisResults",
    method: "get",
    path: "/api/v1/analyze/{id}/results",
    fn: "analysis-results",
    tag: "Analysis",
    summary: "A page of a background analysis's rows, in row order",
    access: "apiKey",
    params: IdParam(),
    query: analysisResultsQuery,
    replies: { 200: { description: "A page of rows.", schema: AnalysisResultsPage } },
    problems: { 404: ["not_found"] },
  },
  {
    id: "runAnalysis",
    method: "post",
    path: "/.netlify/functions/analysis-run-background",
    fn: "analysis-run-background",
    tag: "Internal",
    summary: "The batch analysis worker (a background function), signed with the internal secret",
    access: "internal",
    body: analysisWorkerBody,
    replies: { 200: { description: "What the run did.", schema: RunResult } },
  },
];
