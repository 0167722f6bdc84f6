// Imported only through sentry.ts, and only when SENTRY_DSN is set. Sentry itself (the ~260 ms cold-start cost) is
// loaded on first use, never bundled: netlify.toml keeps it external, so a dynamic import is what keeps it off the
// load path of every function (a static one would be hoisted to the bundle's top).
import type * as SentryModule from "@sentry/aws-serverless";
import { redactSecrets } from "./redact.ts";
import type { IncidentKind, ReportOptions, ReportTags, SentrySettings } from "./sentry.ts";

const FLUSH_TIMEOUT_MS = 2000;
let initialisedFor: string | undefined;
let loading: Promise<typeof SentryModule> | undefined;

/** Sentry, loaded once and initialised for these settings. */
async function sentry(settings: SentrySettings): Promise<typeof SentryModule> {
  const Sentry = await (loading ??= import("@sentry/aws-serverless"));
  init(Sentry, settings);
  return Sentry;
}

/**
 * Plain `init`, never `wrapHandler`: that Lambda wrapper arms a "Possible function timeout" warning from
 * `getRemainingTimeInMillis()`, which a Netlify v2 context lacks, so every request would send a spurious event.
 */
function init(Sentry: typeof SentryModule, settings: SentrySettings): void {
  const { dsn, environment } = settings;
  if (initialisedFor === dsn) return;
  Sentry.init({
    dsn,
    environment,
    sendDefaultPii: false,
    beforeSend: (event) => redactSecrets(event),
    beforeBreadcrumb: (breadcrumb) => redactSecrets(breadcrumb),
  });
  initialisedFor = dsn;
}

function definedTags(tags: ReportTags): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

async function flush(Sentry: typeof SentryModule, options: ReportOptions): Promise<void> {
  const flushing = Sentry.flush(FLUSH_TIMEOUT_MS);
  if (options.waitUntil) options.waitUntil(flushing);
  else await flushing;
}

export async function inIsolationScope<T>(
  settings: SentrySettings,
  tags: ReportTags,
  run: () => Promise<T>,
): Promise<T> {
  const Sentry = await sentry(settings);
  return Sentry.withIsolationScope((scope) => {
    scope.setTags(definedTags(tags));
    return run();
  });
}

export async function captureError(
  settings: SentrySettings,
  error: unknown,
  tags: ReportTags,
  options: ReportOptions,
): Promise<void> {
  const Sentry = await sentry(settings);
  Sentry.withScope((scope) => {
    scope.setTags(definedTags(tags));
    if (options.extra) scope.setExtras(options.extra);
    Sentry.captureException(error);
  });
  await flush(Sentry, options);
}

export async function captureIncident(
  settings: SentrySettings,
  kind: IncidentKind,
  message: string,
  tags: ReportTags,
  options: ReportOptions,
): Promise<void> {
  const Sentry = await sentry(settings);
  Sentry.withScope((scope) => {
    scope.setTags({ ...definedTags(tags), incident: kind });
    scope.setFingerprint(["token-incident", kind]);
    if (options.extra) scope.setExtras(options.extra);
    Sentry.captureMessage(message, "error");
  });
  await flush(Sentry, options);
}
