import { log } from "./log.ts";

type Tags = Record<string, string>;

/**
 * Error reporting seam. Sentry is loaded lazily and only when SENTRY_DSN is set, because importing it costs
 * ~260 ms of cold start (platform.md §3) that an unconfigured deployment should never pay.
 */
export async function reportError(error: unknown, tags: Tags): Promise<void> {
  log("error", "unhandled error", { ...tags, error: error instanceof Error ? error.message : String(error) });
  if (!process.env.SENTRY_DSN) return;
  const { captureWithSentry } = await import("./sentry-client.ts");
  await captureWithSentry(error, tags);
}
