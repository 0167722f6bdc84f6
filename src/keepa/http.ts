import type * as KyModule from "ky";
import type { KyInstance, Options } from "ky";

export const DEFAULT_BASE_URL = "https://api.keepa.com";

let kyModule: Promise<typeof KyModule> | undefined;
const loadKy = () => (kyModule ??= import("ky"));

/**
 * The one ky instance that talks to Keepa. Policy lives in our own loop (`retry.ts`), so ky is told to do none:
 * - `retry: 0` — ky retries 429 by default, which would re-send a refused request into an empty bucket;
 * - `throwHttpErrors: false` — ky's HTTPError message embeds the request URL, and with it the key;
 * - `timeout: false` — ky's timer stops at the headers; ours also covers the body (`transport.ts`).
 */
export function createHttp(options: { baseUrl: string; fetch?: typeof fetch }): KeepaHttp {
  // Loaded on the first Keepa request, not at cold start: ky's import probes the platform's fetch (it constructs a
  // Request), which makes Node load undici — ~20 ms of every Keepa-calling function's load otherwise (bench B5).
  // Clients are made per request (each with its own meter): the module is imported once per instance.
  let instance: Promise<KyInstance> | undefined;
  const load = () =>
    (instance ??= loadKy().then(({ default: ky }) =>
      ky.create({
        prefixUrl: options.baseUrl,
        retry: { limit: 0 },
        throwHttpErrors: false,
        timeout: false,
        headers: { accept: "application/json", "accept-encoding": "gzip" },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ));
  return { get: async (path, init) => (await load()).get(path, init) };
}

/** What the transport needs of ky: one GET, answered with the whole response (never thrown on a status). */
export type KeepaHttp = { get(path: string, init: Options): Promise<Response> };
