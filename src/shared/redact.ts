const SECRET_QUERY = /([?&](?:key|token|api_key|apikey|access_token|secret|signature|sig)=)[^&#\s"']*/gi;
const BEARER = /\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Our own API keys (`av_…`), wherever they turn up: a pasted curl line, an error message. */
const API_KEY = /\bav_[A-Za-z0-9_]{16,}/g;
/** Credentials inside connection strings (postgres://user:password@host). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@"']+:)[^@/\s"']+@/gi;
/** Object keys whose value is a credential whatever it looks like. */
const SECRET_FIELD = new RegExp(
  "^(authorization|proxy-authorization|cookie|set-cookie|x-signature.*|x-hub-signature.*|x-webhook-secret|" +
    "x-api-key|api[-_]?key|key|secret|.*[-_]secret|password|token)$",
  "i",
);
/** Environment variables whose values are secrets (KEEPA_API_KEY, WEBHOOK_SECRET, UPSTASH_REDIS_REST_TOKEN…). */
const SECRET_ENV = /(^|_)(API_KEY|SECRET|TOKEN|PASSWORD)$|_SECRET_|^DATABASE_URL$/;
const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 32;

/** The literal values of configured secrets, read fresh so rotated or test-set values are covered. */
export function secretValues(env: Record<string, string | undefined> = process.env): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH && SECRET_ENV.test(name)) values.push(value);
  }
  // Longest first, so a secret that contains another is removed whole.
  return values.sort((a, b) => b.length - a.length);
}

/** Scrubs query-string keys, bearer tokens, API keys, URL passwords and the literal values of configured secrets. */
export function redactString(text: string, secrets: readonly string[] = secretValues()): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[REDACTED]");
  return out
    .replace(SECRET_QUERY, "$1[REDACTED]")
    .replace(BEARER, "$1[REDACTED]")
    .replace(API_KEY, "av_[REDACTED]")
    .replace(URL_PASSWORD, "$1[REDACTED]@");
}

function redactWith<T>(value: T, secrets: readonly string[], depth: number): T {
  if (typeof value === "string") return redactString(value, secrets) as T;
  if (value === null || typeof value !== "object") return value;
  // Deeper than any event or log line we build: drop it rather than send it unscrubbed.
  if (depth > MAX_DEPTH) return "[REDACTED: too deep]" as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactWith(item, secrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_FIELD.test(key) && item !== null && item !== undefined
        ? "[REDACTED]"
        : redactWith(item, secrets, depth + 1);
  }
  return out as T;
}

/** Deep-redacts any JSON-like value (Sentry events and breadcrumbs, log fields). */
export function redactSecrets<T>(value: T): T {
  return redactWith(value, secretValues(), 0);
}
