import { randomUUID } from "node:crypto";
import type { Db, Statement } from "../../shared/index.ts";
import type { CostModel, ScoredProductView, StrategyName } from "../../sourcing/index.ts";
import type { Condition } from "../../keepa/index.ts";
import { iso } from "../types.ts";
import { ANALYSIS_LIMITS } from "./types.ts";
import type { AnalysisEconomics, AnalysisProgress, AnalysisRowInput, AnalysisStatus, RowStatus } from "./types.ts";
import type { RowVerdict, ScreenRow } from "./screen.ts";

/**
 * Postgres for batch analyses (migrations/1764140006000_batch-analysis.sql). Every row is written before a token is
 * spent; a run holds the analysis by its lease (`lease_holder`, `lease_until`), and each chunk's results land in one
 * transaction that only a run still holding the lease can commit, on rows still pending — so every row is answered
 * exactly once, whatever crashes or overlaps.
 */

export type AnalysisRecord = {
  id: string;
  owner_key_id: string | null;
  status: AnalysisStatus;
  status_reason: string | null;
  retry_at: string | Date | null;
  strategy: StrategyName;
  sell_condition: Condition;
  cost_model: CostModel | null;
  total: number;
  tokens_spent: number;
  chunks: number;
  open_reserved: number;
  runs: number;
  lease_until: string | Date | null;
  created_at: string | Date;
  started_at: string | Date | null;
  updated_at: string | Date;
  finished_at: string | Date | null;
};

const COLUMNS = `id::text, owner_key_id::text, status, status_reason, retry_at, strategy, sell_condition, cost_model,
  total::int, tokens_spent::int, chunks::int, open_reserved::int, runs::int, lease_until, created_at, started_at,
  updated_at, finished_at`;

export const economicsOf = (record: AnalysisRecord): AnalysisEconomics => ({
  strategy: record.strategy,
  sellCondition: record.sell_condition,
  costModel: record.cost_model ?? undefined,
});

/** The analysis and all its rows in one transaction: either the whole list is stored, or nothing is. */
export async function createAnalysis(
  db: Db,
  input: { ownerKeyId: string | null; economics: AnalysisEconomics; rows: readonly AnalysisRowInput[]; now: number },
): Promise<string> {
  const id = randomUUID();
  const at = iso(input.now);
  const rows = input.rows.map((r) => ({
    row_no: r.row,
    input: r.input,
    lookup_key: r.key,
    kind: r.kind,
    asin: r.asin,
    cost_cents: r.costCents,
    sell_condition: r.sellCondition,
    duplicate_rows: r.duplicateRows,
    status: r.status,
    reason: r.reason,
    done_at: r.status === "invalid" ? at : null,
  }));
  await db.transaction([
    {
      text: `INSERT INTO analyses (id, owner_key_id, strategy, sell_condition, cost_model, total, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7)`,
      params: [
        id,
        input.ownerKeyId,
        input.economics.strategy,
        input.economics.sellCondition,
        input.economics.costModel === undefined ? null : JSON.stringify(input.economics.costModel),
        rows.length,
        at,
      ],
    },
    {
      text: `INSERT INTO analysis_rows (analysis_id, row_no, input, lookup_key, kind, asin, cost_cents, sell_condition,
               duplicate_rows, status, reason, done_at)
             SELECT $1, r.row_no, r.input, r.lookup_key, r.kind, r.asin, r.cost_cents, r.sell_condition,
               r.duplicate_rows, r.status, r.reason, r.done_at
             FROM jsonb_to_recordset($2::jsonb) AS r(row_no int, input text, lookup_key text, kind text, asin text,
               cost_cents int, sell_condition text, duplicate_rows int[], status text, reason text,
               done_at timestamptz)`,
      params: [id, JSON.stringify(rows)],
    },
  ]);
  return id;
}

export async function getAnalysis(db: Db, id: string): Promise<AnalysisRecord | undefined> {
  const rows = await db.query<AnalysisRecord>(`SELECT ${COLUMNS} FROM analyses WHERE id = $1`, [id]);
  return rows[0];
}

/** Counts by row status, from the rows themselves: they cannot disagree with the results. */
export async function analysisProgress(db: Db, id: string): Promise<AnalysisProgress> {
  const rows = await db.query<{ status: RowStatus; n: number }>(
    `SELECT status, count(*)::int AS n FROM analysis_rows WHERE analysis_id = $1 GROUP BY status`,
    [id],
  );
  const count = (status: RowStatus) => rows.find((r) => r.status === status)?.n ?? 0;
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const pending = count("pending");
  return {
    total,
    done: total - pending,
    found: count("found"),
    notFound: count("not_found"),
    invalid: count("invalid"),
    skippedBudget: count("skipped_budget"),
    pending,
  };
}

/** The POST hands the new analysis to the worker itself: the same claim the tick makes. */
export async function markAnalysisDispatched(db: Db, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE analyses SET dispatched_at = $2, dispatch_count = dispatch_count + 1
     WHERE id = $1 AND status = 'pending' AND dispatched_at IS NULL RETURNING id`,
    [id, iso(now)],
  );
  return rows.length > 0;
}

/** pending → running under this run's name, with a lease; a second delivery of the same request finds it taken. */
export async function claimAnalysis(db: Db, id: string, holder: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE analyses SET status = 'running', lease_holder = $2, lease_until = $3, runs = runs + 1,
       started_at = COALESCE(started_at, $4), updated_at = $4, status_reason = NULL, retry_at = NULL
     WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, holder, iso(now + ANALYSIS_LIMITS.leaseMs), iso(now)],
  );
  return rows.length > 0;
}

type PendingRecord = {
  row_no: number;
  lookup_key: string;
  kind: "asin" | "isbn13" | "code";
  cost_cents: number | null;
  sell_condition: Condition;
};

/** The next chunk: the first `limit` rows still pending, in row order. */
export async function nextPendingRows(db: Db, id: string, limit: number): Promise<ScreenRow[]> {
  const rows = await db.query<PendingRecord>(
    `SELECT row_no::int, lookup_key, kind, cost_cents::int, sell_condition FROM analysis_rows
     WHERE analysis_id = $1 AND status = 'pending' ORDER BY row_no LIMIT $2`,
    [id, limit],
  );
  return rows.map((r) => ({
    row: r.row_no,
    key: r.lookup_key,
    kind: r.kind,
    costCents: r.cost_cents,
    sellCondition: r.sell_condition,
  }));
}

const holds = `EXISTS (SELECT 1 FROM analyses a WHERE a.id = $1 AND a.status = 'running' AND a.lease_holder = $2)`;

/**
 * Records the chunk's reservation once admitted: if the run dies now, the tick counts it as spent (the ledger
 * charges a dead holder's lease in full).
 */
export async function markChunkReserved(
  db: Db,
  id: string,
  holder: string,
  reservation: { id: string; cost: number },
): Promise<void> {
  await db.query(
    `UPDATE analyses SET open_reservation_id = $3, open_reserved = $4
     WHERE id = $1 AND status = 'running' AND lease_holder = $2`,
    [id, holder, reservation.id, reservation.cost],
  );
}

export type RowAnswer = { row: number } & RowVerdict;

/**
 * One chunk's results and what it spent, together: only rows still pending are answered, and only while this run
 * holds the lease. Returns false when the lease was lost (the tick gave the analysis to another run): nothing was
 * written, and the caller stops.
 */
export async function commitChunk(
  db: Db,
  id: string,
  holder: string,
  answers: readonly RowAnswer[],
  spent: number,
  now: number,
): Promise<boolean> {
  const at = iso(now);
  const statements: Statement[] = [];
  const final = answers.filter((a) => a.status !== "skipped_budget");
  if (final.length > 0)
    statements.push({
      text: `UPDATE analysis_rows t SET status = r.status, reason = r.reason, source = r.source,
               asin = COALESCE(r.asin, t.asin), product = r.product, done_at = $4
             FROM jsonb_to_recordset($3::jsonb) AS r(row_no int, status text, reason text, source text, asin text,
               product jsonb)
             WHERE t.analysis_id = $1 AND t.row_no = r.row_no AND t.status = 'pending' AND ${holds}`,
      params: [
        id,
        holder,
        JSON.stringify(
          final.map((a) => ({
            row_no: a.row,
            status: a.status,
            reason: a.reason,
            source: a.source,
            asin: a.asin,
            product: a.product,
          })),
        ),
        at,
      ],
    });
  statements.push({
    text: `UPDATE analyses SET tokens_spent = tokens_spent + $3, chunks = chunks + 1, open_reservation_id = NULL,
             open_reserved = 0, updated_at = $4
           WHERE id = $1 AND status = 'running' AND lease_holder = $2`,
    params: [id, holder, spent, at],
  });
  await db.transaction(statements);
  const still = await db.query(`SELECT 1 FROM analyses WHERE id = $1 AND status = 'running' AND lease_holder = $2`, [
    id,
    holder,
  ]);
  return still.length > 0;
}

export type AnalysisEnd =
  | { status: "complete" | "failed"; reason: string | null }
  | { status: "waiting"; reason: string; retryAt: number }
  /** Out of time: back in the queue, for the next tick to send again. */
  | { status: "pending"; reason: string };

/** Ends this run's hold: complete, failed, waiting with a retry time, or back to pending. */
export async function releaseAnalysis(db: Db, id: string, holder: string, end: AnalysisEnd, now: number) {
  const rows = await db.query(
    `UPDATE analyses SET status = $3, status_reason = $4, retry_at = $5, lease_holder = NULL, lease_until = NULL,
       dispatched_at = NULL, dispatch_count = 0, updated_at = $6,
       finished_at = CASE WHEN $3 IN ('complete', 'failed') THEN $6::timestamptz ELSE NULL END
     WHERE id = $1 AND status = 'running' AND lease_holder = $2 RETURNING id`,
    [id, holder, end.status, end.reason, end.status === "waiting" ? iso(end.retryAt) : null, iso(now)],
  );
  return rows.length > 0;
}

/**
 * The reaper: a running analysis past its lease lost its run (killed, timed out). It goes back to pending for the
 * next dispatch, its open chunk reservation counted as spent; the rows that chunk never committed are still pending
 * and are screened again (from the product cache when the dead run had bought them).
 */
export function reapAnalyses(db: Db, now: number): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE analyses SET status = 'pending', lease_holder = NULL, lease_until = NULL, dispatched_at = NULL,
       dispatch_count = 0, tokens_spent = tokens_spent + open_reserved, open_reservation_id = NULL, open_reserved = 0,
       status_reason = 'resumed: the previous run stopped before finishing (killed or timed out); '
         || 'its rows already committed are kept', updated_at = $1
     WHERE status = 'running' AND lease_until < $1
     RETURNING id::text`,
    [iso(now)],
  );
}

/** A waiting analysis whose retry time came goes back to pending. */
export function requeueAnalyses(db: Db, now: number): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE analyses SET status = 'pending', dispatched_at = NULL, dispatch_count = 0, retry_at = NULL,
       status_reason = 'retrying after: ' || COALESCE(status_reason, 'waiting'), updated_at = $1
     WHERE status = 'waiting' AND retry_at <= $1
     RETURNING id::text`,
    [iso(now)],
  );
}

/**
 * An analysis that is still not done `giveUpAfterMs` after it was created stops waiting: its pending rows end
 * skipped_budget (with the reason) and it is complete. Never a running one: its run ends it itself.
 */
export async function giveUpAnalyses(db: Db, now: number): Promise<string[]> {
  const cutoff = iso(now - ANALYSIS_LIMITS.giveUpAfterMs);
  const due = await db.query<{ id: string; status_reason: string | null }>(
    `SELECT id::text, status_reason FROM analyses WHERE status IN ('pending', 'waiting') AND created_at < $1`,
    [cutoff],
  );
  if (due.length === 0) return [];
  const ids = due.map((d) => d.id);
  const hours = ANALYSIS_LIMITS.giveUpAfterMs / 3_600_000;
  const reason = `not screened: the analysis gave up ${hours} h after it was created, waiting for tokens`;
  await db.transaction([
    {
      text: `UPDATE analysis_rows SET status = 'skipped_budget', reason = $2::text || COALESCE(' (' || a.status_reason || ')', ''),
               done_at = $3
             FROM analyses a
             WHERE a.id = analysis_rows.analysis_id AND analysis_rows.analysis_id = ANY($1::uuid[])
               AND analysis_rows.status = 'pending' AND a.status IN ('pending', 'waiting')`,
      params: [ids, reason, iso(now)],
    },
    {
      text: `UPDATE analyses SET status = 'complete', finished_at = $2, updated_at = $2, retry_at = NULL,
               status_reason = 'gave_up: ' || $3::text || COALESCE(' (last: ' || status_reason || ')', '')
             WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'waiting')`,
      params: [ids, iso(now), reason],
    },
  ]);
  return ids;
}

/** Pending analyses to hand to the worker: never sent, or sent long ago without starting. The update is the claim. */
export function claimAnalysesForDispatch(db: Db, now: number, limit = 20): Promise<{ id: string }[]> {
  return db.query(
    `UPDATE analyses SET dispatched_at = $1, dispatch_count = dispatch_count + 1
     WHERE id IN (
       SELECT id FROM analyses
       WHERE status = 'pending' AND (dispatched_at IS NULL OR dispatched_at < $2)
       ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id::text`,
    [iso(now), iso(now - ANALYSIS_LIMITS.redispatchAfterMs), limit],
  );
}

export type AnalysisRowRecord = {
  row_no: number;
  input: string;
  lookup_key: string | null;
  kind: "asin" | "isbn13" | "code" | null;
  asin: string | null;
  cost_cents: number | null;
  sell_condition: Condition;
  duplicate_rows: number[];
  status: RowStatus;
  reason: string | null;
  source: "cache" | "keepa" | null;
  product: ScoredProductView | null;
};

/** A keyset page in row order: rows after `cursor`, one more than asked to know whether another page follows. */
export async function analysisRowsPage(
  db: Db,
  id: string,
  page: { cursor?: number | undefined; limit: number; status?: RowStatus | undefined },
): Promise<{ rows: AnalysisRowRecord[]; nextCursor: number | null }> {
  const rows = await db.query<AnalysisRowRecord>(
    `SELECT row_no::int, input, lookup_key, kind, asin, cost_cents::int, sell_condition, duplicate_rows, status, reason,
       source, product
     FROM analysis_rows
     WHERE analysis_id = $1 AND row_no > $2 AND ($3::text IS NULL OR status = $3)
     ORDER BY row_no LIMIT $4`,
    [id, page.cursor ?? 0, page.status ?? null, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  return { rows: kept, nextCursor: more ? (kept.at(-1)?.row_no ?? null) : null };
}
