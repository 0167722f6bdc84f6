import type { Db } from "../../shared/index.ts";
import { iso } from "../types.ts";

export type DeliveryRow = {
  id: string;
  job_id: string;
  url: string;
  event: string;
  payload: string;
  attempts: number;
  /** null = a configured URL (COMPLETION_WEBHOOK_URLS), signed with the configured secret. */
  subscription_id: string | null;
};

/** Attempts before a delivery is abandoned; waits between them grow ×4 from a minute (1, 4, 16, 64 min). */
export const MAX_DELIVERY_ATTEMPTS = 5;
export const backoffMs = (attempts: number): number => 60_000 * 4 ** Math.max(0, attempts - 1);
/** While one sender holds a delivery, others leave it alone for this long. */
const CLAIM_MS = 60_000;

export type DeliveryKey = { jobId: string; event: string; finish: number };

/**
 * One delivery per URL for one end of the job (`finish`: a skip and its retry's success are two ends, two webhooks;
 * the same end recorded twice is one). Undelivered ones of earlier ends are abandoned: their payload is stale now.
 * Due at `now` on the caller's clock (the same clock claimDue compares with), not the database's.
 */
export async function insertDeliveries(
  db: Db,
  key: DeliveryKey,
  urls: readonly string[],
  payload: string,
  now: number,
  subscriptions: readonly { id: string; url: string }[] = [],
): Promise<void> {
  if (urls.length === 0 && subscriptions.length === 0) return;
  await db.transaction([
    {
      text: `UPDATE webhook_deliveries SET status = 'abandoned', last_error = 'superseded by a later end of the job'
             WHERE job_id = $1 AND event = $2 AND job_finish < $3 AND status IN ('pending', 'failed')`,
      params: [key.jobId, key.event, key.finish],
    },
    {
      text: `INSERT INTO webhook_deliveries (job_id, url, event, job_finish, payload, next_attempt_at)
             SELECT $1, u, $2, $3, $4, to_timestamp($6::double precision / 1000) FROM unnest($5::text[]) AS u
             ON CONFLICT (job_id, url, event, job_finish) WHERE subscription_id IS NULL DO NOTHING`,
      params: [key.jobId, key.event, key.finish, payload, urls, now],
    },
    {
      text: `INSERT INTO webhook_deliveries (job_id, url, event, job_finish, payload, next_attempt_at, subscription_id)
             SELECT $1, t.url, $2, $3, $4, to_timestamp($6::double precision / 1000), t.id
             FROM unnest($5::uuid[], $7::text[]) AS t (id, url)
             ON CONFLICT (job_id, subscription_id, event, job_finish) WHERE subscription_id IS NOT NULL DO NOTHING`,
      params: [
        key.jobId,
        key.event,
        key.finish,
        payload,
        subscriptions.map((s) => s.id),
        now,
        subscriptions.map((s) => s.url),
      ],
    },
  ]);
}

/**
 * Claims due deliveries (optionally one job's) by pushing their next attempt out, so a concurrent tick skips them.
 * `subscriptionsOnly`: without a configured secret, deliveries to the configured URLs stay unclaimed.
 */
export function claimDue(
  db: Db,
  now: number,
  options: { jobId?: string; limit: number; subscriptionsOnly?: boolean },
): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(
    `UPDATE webhook_deliveries SET next_attempt_at = $2
     WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status IN ('pending', 'failed') AND next_attempt_at <= $1 AND ($3::uuid IS NULL OR job_id = $3)
         AND (NOT $5::boolean OR subscription_id IS NOT NULL)
       ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id::text, job_id::text, url, event, payload, attempts::int, subscription_id::text`,
    [iso(now), iso(now + CLAIM_MS), options.jobId ?? null, options.limit, options.subscriptionsOnly === true],
  );
}

export type AttemptResult = { ok: boolean; statusCode: number | null; error: string | null };

export async function recordAttempt(db: Db, delivery: DeliveryRow, result: AttemptResult, now: number): Promise<void> {
  const attempts = delivery.attempts + 1;
  const status = result.ok ? "delivered" : attempts >= MAX_DELIVERY_ATTEMPTS ? "abandoned" : "failed";
  await db.query(
    `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
       next_attempt_at = $6, delivered_at = CASE WHEN $2 = 'delivered' THEN $7::timestamptz ELSE NULL END
     WHERE id = $1`,
    [delivery.id, status, attempts, result.statusCode, result.error, iso(now + backoffMs(attempts)), iso(now)],
  );
}
