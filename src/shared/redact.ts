const SECRET_QUERY = /([?&](?:key|token|api_key|apikey|secret)=)[^&#\s"']*/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

function secretValues(): string[] {
  const names = ["KEEPA_API_KEY", "UPSTASH_REDIS_REST_TOKEN", "WEBHOOK_SECRET", "INTERNAL_SIGNING_SECRET"];
  return names.map((name) => process.env[name]).filter((value): value is string => typeof value === "string" && value.length >= 6);
}

/** Scrubs query-string keys, bearer tokens and the literal values of configured secrets from any string. */
export function redactString(text: string): string {
  let out = text.replace(SECRET_QUERY, "$1[REDACTED]").replace(BEARER, "$1[REDACTED]");
  for (const secret of secretValues()) out = out.split(secret).join("[REDACTED]");
  return out;
}

/** Deep-redacts any JSON-like value (Sentry events, log fields). */
export function redactSecrets<T>(value: T): T {
  if (typeof value === "string") return redactString(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = /^(authorization|cookie|x-signature)$/i.test(key) ? "[REDACTED]" : redactSecrets(item);
    }
    return out as T;
  }
  return value;
}
