import { log } from "../../shared/index.ts";
import type { Db } from "../../shared/index.ts";
import { hmacHex } from "../signing.ts";
import type { JobRow } from "../store/jobs.ts";
import { isoOrNull } from "../views.ts";
import { claimDue, insertDeliveries, recordAttempt } from "./deliveries.ts";
import type { AttemptResult, DeliveryRow } from "./deliveries.ts";
import { openSecret, sealedSecrets, subscriptionTargets } from "./subscriptions.ts";

export const COMPLETION_EVENT = "autosourcing.job.completed";
/** Sent to subscriptions that ask for it, at an end whose status is `failed` (besides the completed event). */
export const FAILED_EVENT = "autosourcing.job.failed";

export type WebhookDeps = {
  db: Db;
  urls: readonly string[];
  /** Signs X-Webhook-Signature; without one nothing is sent (an unsigned webhook could be forged by anyone). */
  secret: string | undefined;
  /** Opens subscription secrets sealed under WEBHOOK_SUBSCRIPTION_KEY; undefined = none configured. */
  subscriptionKey?: string | undefined;
  fetch: typeof fetch;
  now: () => number;
  /** Per attempt. @default 10_000 (the original's) */
  timeoutMs?: number;
};

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

async function tierCounts(db: Db, jobId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ tier: string; n: number }>(
    `SELECT tier, count(*)::int AS n FROM picks WHERE job_id = $1 GROUP BY tier`,
    [jobId],
  );
  return Object.fromEntries(rows.map((r) => [r.tier, r.n]));
}

/**
 * Records one delivery per configured URL and per matching subscription of the profile's owner key for this end of
 * the job; the body is fixed now so retries send the same bytes.
 */
export async function enqueueCompletion(deps: WebhookDeps, job: JobRow): Promise<void> {
  const events = job.status === "failed" ? [COMPLETION_EVENT, FAILED_EVENT] : [COMPLETION_EVENT];
  const targets = await Promise.all(events.map((event) => subscriptionTargets(deps.db, job.profile_id, event)));
  if (deps.urls.length === 0 && targets.every((t) => t.length === 0)) return;
  const data = {
    jobId: job.id,
    profileId: job.profile_id,
    profileName: job.profile_name,
    trigger: job.trigger,
    status: job.status,
    statusReason: job.status_reason,
    retryAt: isoOrNull(job.retry_at),
    testedCount: job.tested_count,
    selectedCount: job.selected_count,
    picksByTier: await tierCounts(deps.db, job.id),
    tokensSpent: job.tokens_spent,
    durationSeconds: seconds(job.duration_ms),
  };
  const timestamp = new Date(deps.now()).toISOString();
  for (const [index, event] of events.entries()) {
    const payload = JSON.stringify({ event, timestamp, data });
    const urls = event === COMPLETION_EVENT ? deps.urls : [];
    const key = { jobId: job.id, event, finish: job.finishes };
    await insertDeliveries(deps.db, key, urls, payload, deps.now(), targets[index] ?? []);
  }
}

async function attempt(deps: WebhookDeps, delivery: DeliveryRow, secret: string | undefined): Promise<AttemptResult> {
  // A secret sealed under a key this instance lacks: recorded as a failed attempt (never the secret itself).
  if (secret === undefined) return { ok: false, statusCode: null, error: "subscription secret cannot be opened" };
  try {
    const response = await deps.fetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-webhook-event": delivery.event,
        "x-webhook-delivery": delivery.id,
        "x-webhook-signature": hmacHex(secret, delivery.payload),
      },
      body: delivery.payload,
      // A subscriber's URL was checked when it was saved; a redirect could point anywhere, so it is not followed.
      ...(delivery.subscription_id === null ? {} : { redirect: "manual" as const }),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    return { ok: response.ok, statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

/**
 * Sends what is due (one job's, or any) in parallel and records each attempt; a failure is retried by a later
 * scheduler tick with backoff. Never throws: a webhook must not change how its job ended.
 */
export async function deliverDue(
  deps: WebhookDeps,
  options: { jobId?: string; limit?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  if (deps.secret === undefined && deps.urls.length > 0)
    log("warn", "completion webhooks not sent: no COMPLETION_WEBHOOK_SECRET or WEBHOOK_SECRET");
  try {
    const due = await claimDue(deps.db, deps.now(), {
      ...(options.jobId ? { jobId: options.jobId } : {}),
      limit: options.limit ?? 20,
      subscriptionsOnly: deps.secret === undefined,
    });
    const sealed = await sealedSecrets(deps.db, [
      ...new Set(due.flatMap((d) => (d.subscription_id === null ? [] : [d.subscription_id]))),
    ]);
    const secretOf = (d: DeliveryRow) => {
      if (d.subscription_id === null) return deps.secret;
      const stored = sealed.get(d.subscription_id);
      return stored === undefined ? undefined : openSecret(stored, deps.subscriptionKey);
    };
    const results = await Promise.all(
      due.map(async (d) => {
        const result = await attempt(deps, d, secretOf(d));
        await recordAttempt(deps.db, d, result, deps.now());
        return result.ok;
      }),
    );
    return { delivered: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
  } catch (error) {
    log("error", "completion webhook delivery failed", { error: String(error) });
    return { delivered: 0, failed: 0 };
  }
}
