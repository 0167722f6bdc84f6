import type { AppConfig } from "../shared/config.ts";

/** What `netlify dev` serves on (netlify.toml [dev] port). */
export const LOCAL_SITE_URL = "http://localhost:8888";

/**
 * Base URL of this site: SITE_URL when configured, else the `URL` Netlify sets on every deploy (read here, not in
 * the config schema, because Netlify owns that variable), else the local dev server.
 */
export function siteUrl(config: AppConfig, env: Record<string, string | undefined> = process.env): string {
  const url = config.SITE_URL ?? (env.URL || undefined) ?? LOCAL_SITE_URL;
  return url.replace(/\/+$/, "");
}

/** The background worker's URL: background functions keep Netlify's default path. */
export const workerUrl = (base: string): string => `${base}/.netlify/functions/autosourcing-run-background`;
