/** Headers a browser frontend must be able to read on refusals (token guard) and everywhere else. */
export const EXPOSED_HEADERS = [
  "Retry-After",
  "X-Token-Balance",
  "X-Token-Required",
  "X-Request-Id",
  // The buy list's CSV export: its file name and whether it was cut at the export limit.
  "Content-Disposition",
  "X-Export-Rows",
  "X-Export-Truncated",
] as const;
const ALLOWED_HEADERS = "authorization, content-type, idempotency-key, x-request-id";

/** CORS headers for an allowed origin, or none: an unlisted origin simply gets no Access-Control-* headers. */
export function corsHeaders(origin: string | null, allowlist: readonly string[]): Record<string, string> {
  if (origin === null) return {};
  const allowed = allowlist.includes("*") || allowlist.includes(origin);
  if (!allowed) return {};
  return {
    "access-control-allow-origin": allowlist.includes("*") ? "*" : origin,
    "access-control-expose-headers": EXPOSED_HEADERS.join(", "),
    vary: "Origin",
  };
}

export function preflightResponse(
  origin: string | null,
  allowlist: readonly string[],
  methods: readonly string[],
): Response {
  const base = corsHeaders(origin, allowlist);
  if (Object.keys(base).length === 0) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...base,
      "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
    },
  });
}
