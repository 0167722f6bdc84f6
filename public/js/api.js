// The API client: same origin, Bearer key, JSON in and out. Every call resolves (never throws) to an outcome the
// views can render: ok, unauthorized (401), forbidden (403), missing (404: not deployed), problem (4xx/5xx with a
// problem+json body) or network (the request never got an answer).

const KEY_STORAGE = "arbitragevault.apiKey";

export function loadKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return "";
  }
}

export function saveKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lives in memory for this page view only.
  }
}

async function readBody(response) {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

/**
 * @param {string} key
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
export async function call(key, method, path, body) {
  return send(key, method, path, body === undefined ? {} : { body: JSON.stringify(body), type: "application/json" });
}

/**
 * Like {@link call}, with a raw body of any type (a CSV upload) and the media type to accept (a CSV export). A non-JSON
 * success answers `data` as text.
 * @param {{ body?: string, type?: string, accept?: string }} options
 */
export async function send(key, method, path, options = {}) {
  const headers = { accept: options.accept ?? "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.type) headers["content-type"] = options.type;
  const started = Date.now();
  let response;
  try {
    response = await fetch(path, { method, headers, body: options.body, cache: "no-store" });
  } catch (error) {
    return {
      kind: "network",
      status: 0,
      data: null,
      headers: null,
      error: String(error && error.message ? error.message : error),
      receivedAt: Date.now(),
    };
  }
  const json = (response.headers.get("content-type") ?? "").includes("json");
  const data = await (response.ok && !json ? response.text() : readBody(response)).catch(() => null);
  const base = {
    status: response.status,
    data,
    headers: response.headers,
    receivedAt: Date.now(),
    elapsedMs: Date.now() - started,
  };
  if (response.ok) return { kind: "ok", ...base };
  if (response.status === 401) return { kind: "unauthorized", ...base };
  if (response.status === 403) return { kind: "forbidden", ...base };
  if (response.status === 404) return { kind: "missing", ...base };
  return { kind: "problem", ...base };
}

/** The human part of a problem+json body (or a fallback for a bare status). */
export function problemText(outcome) {
  const data = outcome.data && typeof outcome.data === "object" ? outcome.data : {};
  if (typeof data.detail === "string" && data.detail !== "") return data.detail;
  if (typeof data.title === "string" && data.title !== "") return data.title;
  if (outcome.kind === "network") return "The API could not be reached.";
  return `The API answered ${outcome.status}.`;
}

/** Field errors of a 400 (`errors: [{field, message}]`), as "field: message" lines. */
export function fieldErrors(outcome) {
  const errors = outcome.data && Array.isArray(outcome.data.errors) ? outcome.data.errors : [];
  return errors
    .map((e) => (e && typeof e === "object" ? [e.field ?? e.path, e.message].filter(Boolean).join(": ") : ""))
    .filter((line) => line !== "");
}
