import type { Condition } from "../../keepa/index.ts";
import type { CostModel, StrategyName } from "../../sourcing/index.ts";

/**
 * Batch analysis (docs/analysis.md): a list of identifiers screened at 1 token each. pending → running → complete;
 * running → waiting (the ledger refused a chunk) → pending (its retry time came) → running …; running → pending (a
 * run that reached its time limit, or whose lease ran out: a crashed run); pending | running | waiting → failed.
 */
export const ANALYSIS_STATUSES = ["pending", "running", "waiting", "complete", "failed"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

/** What became of one identifier. `pending` only while a background analysis is still working on it. */
export const ROW_STATUSES = ["pending", "found", "not_found", "invalid", "skipped_budget"] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const ANALYSIS_LIMITS = {
  /** Rows per analysis (before duplicates collapse). */
  maxRows: 1_000,
  /** Rows per background chunk: one batch_analysis_job reservation (≤ 200 tokens, 1 per uncached identifier). */
  chunkRows: 200,
  /**
   * A refused chunk is retried smaller when the ledger can still give at least this many tokens: the analysis spends
   * what the ledger allows, instead of waiting for a whole chunk's worth.
   */
  minChunkTokens: 20,
  /** Netlify stops a background function after 15 min; a run takes no new chunk after 14. */
  workMs: 14 * 60_000,
  /** A running analysis whose lease ran out was killed: the tick gives it back to the queue. */
  leaseMs: 16 * 60_000,
  /** The chunk's token lease outlives the run, so a lease still open means the run crashed. */
  reservationLeaseMs: 20 * 60_000,
  /** A pending analysis sent this long ago without starting is sent again by the next tick. */
  redispatchAfterMs: 5 * 60_000,
  /** When the token ledger store cannot be reached, or Keepa failed, the analysis tries again this much later. */
  retryAfterFailureMs: 60_000,
  /**
   * An analysis still not done this long after it was created stops waiting: its remaining rows end skipped_budget
   * (tokens never came, e.g. a refill rate of 0, or Keepa kept failing), and it is complete.
   */
  giveUpAfterMs: 24 * 60 * 60_000,
} as const;

/** A row as stored: one identifier (duplicates collapsed onto the first row), or an invalid input row. */
export type AnalysisRowInput = {
  row: number;
  input: string;
  /** ASIN, or a 979 ISBN-13 code; null for an invalid row. */
  key: string | null;
  kind: "asin" | "isbn13" | "code" | null;
  asin: string | null;
  costCents: number | null;
  sellCondition: Condition;
  duplicateRows: number[];
  status: "pending" | "invalid";
  reason: string | null;
};

/** How an analysis scores: the list's strategy and defaults; a row's own cost and condition win over them. */
export type AnalysisEconomics = {
  strategy: StrategyName;
  /** The list's sell condition (its own, or the strategy's). */
  sellCondition: Condition;
  /** The model for rows without their own cost; undefined = the strategy's default (percentOfSell 40 %). */
  costModel: CostModel | undefined;
};

/** Counts by row status: what the status endpoint and both answers report. */
export type AnalysisProgress = {
  total: number;
  done: number;
  found: number;
  notFound: number;
  invalid: number;
  skippedBudget: number;
  pending: number;
};

export const SCREENING_NOTE =
  "Screening only: 1 token per product (Keepa stats, no live offers), so no product here is verified and none is " +
  "STRONG_BUY. Check a book with live offers before buying (POST /api/v1/products/:asin/verify).";
