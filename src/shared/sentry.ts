import { log } from "./log.ts";

/** Tags every Sentry event carries, so an alert says which function and action failed, and why. */
export type ReportTags = { function: string; action?: string; reason?: string; requestId?: string };

export type ReportOptions = {
  /**
   * Netlify's `context.waitUntil`: the flush then outlives the response instead of delaying it.
   * @default await the flush
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Extra data attached to the event (scrubbed like everything else). @default none */
  extra?: Record<string, unknown>;
};

/**
 * Incidents an operator must hear of: token-safety failures (the ledger let something through that it should not
 * have) and Keepa outages (answered to the caller as 502/503, but nothing would alert otherwise).
 */
export type IncidentKind = "upstream_429" | "negative_balance" | "keepa_outage";

/**
 * Error reporting seam. Sentry is loaded lazily and only when SENTRY_DSN is set, because importing it costs
 * ~260 ms of cold start (docs/platform.md#cold-start) that an unconfigured deployment should never pay.
 */
export function sentryEnabled(): boolean {
  return sentrySettings !== undefined;
}

/** Where events go: SENTRY_DSN and SENTRY_ENVIRONMENT, handed over by the composition root. */
export type SentrySettings = { dsn: string; environment: string };
let sentrySettings: SentrySettings | undefined;

/** Set once per instance by the composition root; undefined turns reporting off (Sentry is then never loaded). */
export function configureSentry(settings: SentrySettings | undefined): void {
  sentrySettings = settings;
}

/** Runs one request in its own Sentry isolation scope (tags and breadcrumbs never bleed between requests). */
export async function withRequestScope<T>(tags: ReportTags, run: () => Promise<T>): Promise<T> {
  if (!sentryEnabled()) return run();
  const { inIsolationScope } = await import("./sentry-client.ts");
  return inIsolationScope(sentrySettings as SentrySettings, tags, run);
}

/** An unexpected failure (a 500). Logged always; sent to Sentry when configured. */
export async function reportError(error: unknown, tags: ReportTags, options: ReportOptions = {}): Promise<void> {
  log("error", "unhandled error", { ...tags, error: error instanceof Error ? error.message : String(error) });
  if (!sentryEnabled()) return;
  const { captureError } = await import("./sentry-client.ts");
  await captureError(sentrySettings as SentrySettings, error, tags, options);
}

/** A token-safety failure. Never throws: reporting must not break the settle path that found it. */
export async function reportIncident(
  kind: IncidentKind,
  message: string,
  tags: ReportTags,
  options: ReportOptions = {},
): Promise<void> {
  log("error", message, { ...tags, incident: kind, ...options.extra });
  if (!sentryEnabled()) return;
  try {
    const { captureIncident } = await import("./sentry-client.ts");
    await captureIncident(sentrySettings as SentrySettings, kind, message, tags, options);
  } catch (error) {
    log("warn", "sentry capture failed", { error: String(error) });
  }
}
