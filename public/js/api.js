// @ts-check
// The API client: openapi-fetch typed with the paths generated from the OpenAPI document (api-types.d.ts), same
// origin, Bearer key. Every call resolves (never throws) to an outcome the views can render: ok, unauthorized (401),
// forbidden (403), missing (404: not deployed), problem (4xx/5xx with a problem+json body) or network (the request
// never got an answer).
import createClient from "/vendor/openapi-fetch.mjs";

/** @typedef {import("./api-types").paths} Paths */
/** @typedef {import("/vendor/openapi-fetch.mjs").Client<Paths, "application/json">} ApiClient */
/**
 * The JSON body of a successful answer of `method path`, as the contract describes it.
 * @template {"get" | "post" | "put"} M
 * @template {import("/vendor/openapi-fetch.mjs").ClientPathsWithMethod<ApiClient, M>} P
 * @typedef {import("/vendor/openapi-fetch.mjs").MethodResponse<ApiClient, M, P>} Body
 */
/**
 * A problem+json body (RFC 9457): what every refusal answers; `detail` is the sentence for a person.
 * @typedef {{ type?: string, title?: string, status?: number, reason?: string, detail?: string,
 *   errors?: { field: string, message: string }[], retryAfterSeconds?: number | null }} Problem
 */
/**
 * @template T
 * @typedef {{ kind: "ok", status: number, data: T, headers: Headers, receivedAt: number, elapsedMs: number }} Ok
 */
/**
 * @typedef {{ kind: "unauthorized" | "forbidden" | "missing" | "problem", status: number, data: Problem,
 *   headers: Headers, receivedAt: number, elapsedMs: number }} Refused
 * @typedef {{ kind: "network", status: 0, data: null, headers: null, error: string, receivedAt: number }} Unreached
 */
/**
 * @template T
 * @typedef {Ok<T> | Refused | Unreached} Outcome
 */

const KEY_STORAGE = "arbitragevault.apiKey";

/** The typed client of this origin's API; `settle` turns its answers into outcomes. */
export const api = /** @type {ApiClient} */ (
  createClient({ baseUrl: "", cache: "no-store", headers: { accept: "application/json" } })
);

export function loadKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return "";
  }
}

/** @param {string} key */
export function saveKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lives in memory for this page view only.
  }
}

/**
 * The request headers carrying `key` (none without one).
 * @param {string} key
 * @returns {Record<string, string>}
 */
export function auth(key) {
  return key ? { authorization: `Bearer ${key}` } : {};
}

/**
 * A refusal's body as a problem; a body that is not one (a proxy's HTML page) keeps its first words as `detail`.
 * @param {unknown} error
 * @returns {Problem}
 */
function problemOf(error) {
  if (error && typeof error === "object") return /** @type {Problem} */ (error);
  if (typeof error === "string" && error !== "") return { detail: error.slice(0, 300) };
  return {};
}

/** @param {number} status */
function refusalKind(status) {
  if (status === 401) return /** @type {const} */ ("unauthorized");
  if (status === 403) return /** @type {const} */ ("forbidden");
  if (status === 404) return /** @type {const} */ ("missing");
  return /** @type {const} */ ("problem");
}

/**
 * Runs one call of the typed client and says how it went.
 * @template T
 * @param {() => Promise<{ data?: T, error?: unknown, response: Response }>} request
 * @returns {Promise<Outcome<T>>}
 */
export async function settle(request) {
  const started = Date.now();
  /** @type {{ data?: T, error?: unknown, response: Response }} */
  let answer;
  try {
    answer = await request();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "network", status: 0, data: null, headers: null, error: message, receivedAt: Date.now() };
  }
  const { response } = answer;
  const base = { status: response.status, headers: response.headers, receivedAt: Date.now() };
  const elapsedMs = base.receivedAt - started;
  if (response.ok) return { kind: "ok", ...base, elapsedMs, data: /** @type {T} */ (answer.data) };
  return { kind: refusalKind(response.status), ...base, elapsedMs, data: problemOf(answer.error) };
}

/**
 * The human part of a refusal: the server's own `detail` (or a fallback for a bare status).
 * @param {Refused | Unreached} outcome
 */
export function problemText(outcome) {
  if (outcome.kind === "network") return "The API could not be reached.";
  const { detail, title } = outcome.data;
  if (typeof detail === "string" && detail !== "") return detail;
  if (typeof title === "string" && title !== "") return title;
  return `The API answered ${outcome.status}.`;
}

/**
 * Field errors of a 400 (`errors: [{field, message}]`), as "field: message" lines.
 * @param {Refused | Unreached} outcome
 * @returns {string[]}
 */
export function fieldErrors(outcome) {
  if (outcome.kind === "network") return [];
  return (outcome.data.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
}
