import type { Db, Statement } from "../../shared/index.ts";
import type { Scored } from "../select.ts";
import type { PickAction } from "../types.ts";

/** Rows per transaction: a cut or crash mid-job keeps every batch already committed. */
export const WRITE_BATCH = 25;

/** Bounds of roi_percent numeric(12,2): a penny buy price can make any ROI, and an overflow would fail a paid job. */
const ROI_LIMIT = 9_999_999_999;
export const storableRoi = (roi: number | null): number | null =>
  roi === null ? null : Math.min(ROI_LIMIT, Math.max(-ROI_LIMIT, roi));

const sightingRow = ({ view, selected, fresh }: Scored) => ({
  asin: view.asin,
  fresh,
  verified: view.verified,
  max_buy_cents: view.maxBuyCents ?? null,
  bsr: view.bsr,
  buy_price_cents: view.buyPriceCents,
  sell_price_cents: view.sellPriceCents,
  roi_percent: storableRoi(view.roiPercent),
  velocity: Math.round(view.velocity),
  recommendation: view.recommendation,
  selected,
});

const pickRow = ({ view, tier }: Scored) => ({
  asin: view.asin,
  title: view.title,
  buy_price_cents: view.buyPriceCents,
  sell_price_cents: view.sellPriceCents,
  profit_cents: view.profitCents,
  roi_percent: storableRoi(view.roiPercent),
  bsr: view.bsr,
  velocity: Math.round(view.velocity),
  stability: Math.round(view.stability),
  confidence: Math.round(view.confidence),
  recommendation: view.recommendation,
  tier: tier.tier,
  tier_reason: tier.reason,
  featured: tier.featured,
  scores: view,
});

/** Every tested product is a sighting (history is never lost); only selected ones become picks. */
function batchStatements(jobId: string, profileId: string, batch: readonly Scored[]): Statement[] {
  const statements: Statement[] = [
    {
      text: `INSERT INTO sightings (asin, job_id, profile_id, bsr, buy_price_cents, sell_price_cents, roi_percent,
             velocity, recommendation, selected, fresh, verified, max_buy_cents)
           SELECT x.asin, $1, $2, x.bsr, x.buy_price_cents, x.sell_price_cents, x.roi_percent, x.velocity,
             x.recommendation, x.selected, x.fresh, x.verified, x.max_buy_cents
           FROM jsonb_to_recordset($3::jsonb) AS x(asin text, bsr int, buy_price_cents int, sell_price_cents int,
             roi_percent numeric, velocity int, recommendation text, selected boolean, fresh boolean,
             verified boolean, max_buy_cents int)
           ON CONFLICT (job_id, asin) DO NOTHING`,
      params: [jobId, profileId, JSON.stringify(batch.map(sightingRow))],
    },
  ];
  const picks = batch.filter((s) => s.selected).map(pickRow);
  if (picks.length > 0) {
    statements.push({
      text: `INSERT INTO picks (job_id, profile_id, asin, title, buy_price_cents, sell_price_cents, profit_cents,
               roi_percent, bsr, velocity, stability, confidence, recommendation, tier, tier_reason, featured, scores)
             SELECT $1, $2, x.asin, x.title, x.buy_price_cents, x.sell_price_cents, x.profit_cents, x.roi_percent,
               x.bsr, x.velocity, x.stability, x.confidence, x.recommendation, x.tier, x.tier_reason, x.featured,
               x.scores
             FROM jsonb_to_recordset($3::jsonb) AS x(asin text, title text, buy_price_cents int, sell_price_cents int,
               profit_cents int, roi_percent numeric, bsr int, velocity int, stability int, confidence int,
               recommendation text, tier text, tier_reason text, featured boolean, scores jsonb)
             ON CONFLICT (job_id, asin) DO NOTHING`,
      params: [jobId, profileId, JSON.stringify(picks)],
    });
  }
  return statements;
}

/** What is committed so far: if a later batch fails, the job still reports the picks it left. */
export type WriteProgress = { tested: number; selected: number };

/** Writes the scored products in transactional batches (sightings and picks of a batch commit together). */
export async function writeResults(
  db: Db,
  jobId: string,
  profileId: string,
  scored: readonly Scored[],
  progress: WriteProgress = { tested: 0, selected: 0 },
): Promise<void> {
  for (let i = 0; i < scored.length; i += WRITE_BATCH) {
    const batch = scored.slice(i, i + WRITE_BATCH);
    await db.transaction(batchStatements(jobId, profileId, batch));
    progress.tested += batch.length;
    progress.selected += batch.filter((s) => s.selected).length;
  }
}

export type PickRow = Record<string, unknown> & { id: string; asin: string };

/**
 * A job's picks, best first, with the ASIN's history across the profile's jobs (the same scope as is_new): how often
 * it was seen and when first, so the user sees what is new without the history being thrown away.
 */
export function jobPicks(db: Db, jobId: string): Promise<PickRow[]> {
  return db.query<PickRow>(
    `SELECT k.id::text, k.asin, k.title, k.buy_price_cents, k.sell_price_cents, k.profit_cents,
       k.roi_percent::float8 AS roi_percent, k.bsr, k.velocity, k.stability, k.confidence, k.recommendation, k.tier,
       k.tier_reason, k.featured, k.action_status, k.action_at, k.notes, k.created_at, k.scores,
       (SELECT count(*)::int FROM sightings s
         WHERE s.asin = k.asin AND s.profile_id = k.profile_id AND s.fresh) AS sightings,
       (SELECT min(s.seen_at) FROM sightings s WHERE s.asin = k.asin AND s.profile_id = k.profile_id) AS first_seen_at,
       NOT EXISTS (SELECT 1 FROM picks o
                   WHERE o.asin = k.asin AND o.profile_id = k.profile_id AND o.created_at < k.created_at) AS is_new
     FROM picks k WHERE k.job_id = $1
     ORDER BY CASE k.tier WHEN 'HOT' THEN 0 WHEN 'TOP' THEN 1 WHEN 'WATCH' THEN 2 ELSE 3 END,
       k.roi_percent DESC NULLS LAST, k.asin`,
    [jobId],
  );
}

export async function setPickAction(
  db: Db,
  id: string,
  action: PickAction,
  notes: string | undefined,
): Promise<PickRow | undefined> {
  const rows = await db.query<PickRow>(
    `UPDATE picks SET action_status = $2, action_at = now(), notes = COALESCE($3, notes) WHERE id = $1
     RETURNING id::text, job_id::text, asin, action_status, action_at, notes`,
    [id, action, notes ?? null],
  );
  return rows[0];
}
