import ky from "ky";
import type { KyInstance } from "ky";

export const DEFAULT_BASE_URL = "https://api.keepa.com";

/**
 * The one ky instance that talks to Keepa. Policy lives in our own loop (`retry.ts`), so ky is told to do none:
 * - `retry: 0` — ky retries 429 by default, which would re-send a refused request into an empty bucket;
 * - `throwHttpErrors: false` — ky's HTTPError message embeds the request URL, and with it the key;
 * - `timeout: false` — ky's timer stops at the headers; ours also covers the body (`transport.ts`).
 */
export function createHttp(options: { baseUrl: string; fetch?: typeof fetch }): KyInstance {
  return ky.create({
    prefixUrl: options.baseUrl,
    retry: { limit: 0 },
    throwHttpErrors: false,
    timeout: false,
    headers: { accept: "application/json", "accept-encoding": "gzip" },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
