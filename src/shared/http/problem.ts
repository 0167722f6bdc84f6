/** RFC 9457 problem details, the only error body this API sends. */
export type ProblemDetails = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
};

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
  return new Response(JSON.stringify({ type: "about:blank", ...problem }), { status: problem.status, headers: merged });
}

export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export const problems = {
  badRequest: (detail: string, extra: Record<string, unknown> = {}) =>
    new HttpProblem({ title: "Bad Request", status: 400, detail, ...extra }),
  notFound: (detail = "No such resource.") => new HttpProblem({ title: "Not Found", status: 404, detail }),
  methodNotAllowed: (allow: readonly string[]) =>
    new HttpProblem(
      { title: "Method Not Allowed", status: 405, detail: `Use ${allow.join(", ")}.` },
      { allow: allow.join(", ") },
    ),
  payloadTooLarge: (limit: number) =>
    new HttpProblem({ title: "Payload Too Large", status: 413, detail: `The body exceeds ${limit} bytes.` }),
  unsupportedMediaType: () =>
    new HttpProblem({ title: "Unsupported Media Type", status: 415, detail: "Send the body as application/json." }),
  unauthorized: (detail = "Send Authorization: Bearer <api key>.") =>
    new HttpProblem({ title: "Unauthorized", status: 401, detail }, { "www-authenticate": "Bearer" }),
  forbidden: (detail: string) => new HttpProblem({ title: "Forbidden", status: 403, detail }),
  serviceUnavailable: (detail: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) =>
    new HttpProblem(
      { title: "Service Unavailable", status: 503, detail, retryAfterSeconds, ...extra },
      { "retry-after": String(retryAfterSeconds) },
    ),
};
