import { log } from "../shared/index.ts";
import { signRequest } from "./signing.ts";
import type { AppConfig } from "../shared/index.ts";

/**
 * Base URL of this site: SITE_URL when configured, else the `URL` Netlify sets on every deploy (read here, not in
 * the config schema, because Netlify owns that variable). Undefined locally: the caller then uses the origin the
 * triggering request reached, whatever port the dev server runs on.
 */
export function siteUrl(config: AppConfig, env: Record<string, string | undefined>): string | undefined {
  const url = config.SITE_URL ?? (env.URL || undefined);
  return url?.replace(/\/+$/, "");
}

/** The dependencies with a base URL: the configured one, else the origin of the request being served. */
export function servedFrom<T extends { baseUrl: string | undefined }>(
  deps: T,
  requestUrl: URL,
): T & { baseUrl: string } {
  return { ...deps, baseUrl: deps.baseUrl ?? requestUrl.origin };
}

/** The background worker's URL: background functions keep Netlify's default path. */
export const workerUrl = (base: string): string => `${base}/.netlify/functions/autosourcing-run-background`;

/** A signed POST to the background worker, as data: tests turn it into a Request and call the handler directly. */
export type JobRequest = { url: string; headers: Record<string, string>; body: string };
export type DispatchResult = { jobId: string; sent: boolean; status: number | null };
/**
 * Hands a job to the worker; resolves once the worker accepted it (Netlify answers 202 at once), never after the run.
 */
export type Dispatcher = (request: JobRequest) => Promise<Omit<DispatchResult, "jobId">>;

/** The body is `{"jobId":…}`; the HMAC binds it to the timestamp. */
export function signedJobRequest(jobId: string, options: { secret: string; baseUrl: string; now: number }): JobRequest {
  const body = JSON.stringify({ jobId });
  return {
    url: workerUrl(options.baseUrl),
    headers: { "content-type": "application/json", ...signRequest(options.secret, body, options.now) },
    body,
  };
}

export const toRequest = (request: JobRequest): Request =>
  new Request(request.url, { method: "POST", headers: request.headers, body: request.body });

/**
 * The production dispatcher: POST and wait only for the 202 (bounded), never for the job. A timeout or an error is
 * not fatal: the job stays pending and the next tick sends it again.
 * @param timeoutMs @default 5000
 */
export function httpDispatcher(timeoutMs = 5000): Dispatcher {
  return async (request) => {
    try {
      const response = await fetch(request.url, {
        method: "POST",
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return { sent: response.ok, status: response.status };
    } catch (error) {
      log("warn", "autosourcing dispatch failed", { url: request.url, error: String(error) });
      return { sent: false, status: null };
    }
  };
}
