import type { Condition, MarketCurrency } from "../../keepa/index.ts";
import { costModelEcho } from "../../sourcing/index.ts";
import type { ScoredProductView } from "../../sourcing/index.ts";
import { isoOrNull } from "../views.ts";
import type { RowVerdict } from "./screen.ts";
import type { AnalysisRecord, AnalysisRowRecord } from "./store.ts";
import { SCREENING_NOTE } from "./types.ts";
import type { AnalysisProgress, AnalysisRowInput, RowStatus } from "./types.ts";

/** One identifier's answer, the same in the immediate answer and the results pages (docs/api.md#analysis-fields). */
export type AnalysisRowView = {
  row: number;
  input: string;
  /** What was looked up: `asin` (also an ISBN-10), `isbn13` (a 978 ISBN-13, looked up by its ASIN) or `code`. */
  identifier: { kind: IdKind; asin: string | null; code: string | null } | null;
  status: RowStatus;
  reason: string | null;
  /** The marketplace's currency: `costCents` and the product's cents are in it. */
  currency: MarketCurrency;
  costCents: number | null;
  sellCondition: Condition;
  /** Later rows with the same identifier, collapsed onto this one. */
  duplicateRows: number[];
  source: "cache" | "keepa" | null;
  /** The scored product, in the row's economics; only when found. */
  product: ScoredProductView | null;
};

type IdKind = "asin" | "isbn13" | "code";

/** A code's ASIN is known once Keepa matched it; an ASIN or 978 ISBN-13 is its own key. */
const identifierOf = (kind: IdKind, key: string, asin: string | null): AnalysisRowView["identifier"] => ({
  kind,
  asin: kind === "code" ? asin : key,
  code: kind === "code" ? key : null,
});

export function rowView(row: AnalysisRowInput, currency: MarketCurrency, verdict?: RowVerdict): AnalysisRowView {
  const status = row.status === "invalid" ? "invalid" : (verdict?.status ?? "pending");
  return {
    row: row.row,
    input: row.input,
    identifier:
      row.kind === null || row.key === null ? null : identifierOf(row.kind, row.key, verdict?.asin ?? row.asin),
    status,
    reason: row.status === "invalid" ? row.reason : (verdict?.reason ?? null),
    currency,
    costCents: row.costCents,
    sellCondition: row.sellCondition,
    duplicateRows: row.duplicateRows,
    source: verdict?.source ?? null,
    product: verdict?.product ?? null,
  };
}

/**
 * A product as an analysis stored it: rows screened before products named their currency and gave the price's
 * observation time in ISO 8601 are shown the way a new row is.
 */
function storedProduct(product: ScoredProductView, currency: MarketCurrency): ScoredProductView {
  const sell = product.sellPrice as
    | (Omit<NonNullable<ScoredProductView["sellPrice"]>, "observedAt"> & {
        observedAt: unknown;
      })
    | null;
  return {
    ...product,
    currency: product.currency ?? currency,
    sellPrice: sell ? { ...sell, observedAt: isoOrNull(sell.observedAt) } : null,
  };
}

export function storedRowView(record: AnalysisRowRecord, currency: MarketCurrency): AnalysisRowView {
  return {
    row: record.row_no,
    input: record.input,
    identifier:
      record.kind === null || record.lookup_key === null
        ? null
        : identifierOf(record.kind, record.lookup_key, record.asin),
    status: record.status,
    reason: record.reason,
    currency,
    costCents: record.cost_cents,
    sellCondition: record.sell_condition,
    duplicateRows: record.duplicate_rows,
    source: record.source,
    product: record.product === null ? null : storedProduct(record.product, currency),
  };
}

/** Progress counted from answered rows (the immediate answer, which stores nothing). */
export function progressOf(rows: readonly Pick<AnalysisRowView, "status">[]): AnalysisProgress {
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const pending = count("pending");
  return {
    total: rows.length,
    done: rows.length - pending,
    found: count("found"),
    notFound: count("not_found"),
    invalid: count("invalid"),
    skippedBudget: count("skipped_budget"),
    pending,
  };
}

/** GET /api/v1/analyze/:id: where the analysis is, what it has spent, and what it rests on. */
export function analysisView(record: AnalysisRecord, progress: AnalysisProgress) {
  return {
    id: record.id,
    status: record.status,
    statusReason: record.status_reason,
    retryAt: isoOrNull(record.retry_at),
    progress,
    tokensSpent: record.tokens_spent,
    chunks: record.chunks,
    runs: record.runs,
    strategy: record.strategy,
    sellCondition: record.sell_condition,
    costModel: costModelEcho(record.cost_model ?? undefined),
    screening: SCREENING_NOTE,
    createdAt: isoOrNull(record.created_at),
    startedAt: isoOrNull(record.started_at),
    updatedAt: isoOrNull(record.updated_at),
    finishedAt: isoOrNull(record.finished_at),
  };
}
