/**
 * RFC 9457 problem details, the only error body this API sends. Every problem names its `reason`, and its `type` is
 * that reason's stable URI (README, "API conventions"): one type per reason, never `about:blank`.
 */
export type ProblemDetails = {
  title: string;
  status: number;
  /** A snake_case literal a program branches on; the contract lists the ones each operation can answer. */
  reason: string;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
};

/** Where every problem type lives: the reason, kebab-cased, under one base that never changes. */
export const PROBLEM_TYPE_BASE = "https://arbitragevault.dev/problems/";

export function problemType(reason: string): string {
  return PROBLEM_TYPE_BASE + reason.replaceAll("_", "-");
}

/** A failure that maps to a known 4xx/5xx answer; anything else is a 500 with no internals. */
export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  readonly problem: ProblemDetails;
  readonly headers: Record<string, string>;

  constructor(problem: ProblemDetails, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.headers = headers;
  }
}

export function isHttpProblem(error: unknown): error is HttpProblem {
  return error instanceof HttpProblem;
}

export function problemResponse(problem: ProblemDetails, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/problem+json");
  const { type: _ignored, ...rest } = problem as ProblemDetails & { type?: unknown };
  return new Response(JSON.stringify({ type: problemType(problem.reason), ...rest }), {
    status: problem.status,
    headers: merged,
  });
}

export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export const problems = {
  /** Input that fails its schema or its rules; `errors` lists each field when there are fields to name. */
  badRequest: (detail: string, extra: Record<string, unknown> = {}) =>
    new HttpProblem({ title: "Bad Request", status: 400, reason: "invalid_input", detail, ...extra }),
  notFound: (detail = "No such resource.") =>
    new HttpProblem({ title: "Not Found", status: 404, reason: "not_found", detail }),
  methodNotAllowed: (allow: readonly string[]) =>
    new HttpProblem(
      { title: "Method Not Allowed", status: 405, reason: "method_not_allowed", detail: `Use ${allow.join(", ")}.` },
      { allow: allow.join(", ") },
    ),
  payloadTooLarge: (limit: number) =>
    new HttpProblem({
      title: "Payload Too Large",
      status: 413,
      reason: "payload_too_large",
      detail: `The body exceeds ${limit} bytes.`,
    }),
  unsupportedMediaType: () =>
    new HttpProblem({
      title: "Unsupported Media Type",
      status: 415,
      reason: "unsupported_media_type",
      detail: "Send the body as application/json.",
    }),
  unauthorized: (detail = "Send Authorization: Bearer <api key>.") =>
    new HttpProblem(
      { title: "Unauthorized", status: 401, reason: "unauthenticated", detail },
      { "www-authenticate": "Bearer" },
    ),
  forbidden: (detail: string) => new HttpProblem({ title: "Forbidden", status: 403, reason: "missing_scope", detail }),
  serviceUnavailable: (detail: string, retryAfterSeconds: number, reason: string) =>
    new HttpProblem(
      { title: "Service Unavailable", status: 503, reason, detail, retryAfterSeconds },
      { "retry-after": String(retryAfterSeconds) },
    ),
};
