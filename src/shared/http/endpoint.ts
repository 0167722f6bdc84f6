import type { Context } from "@netlify/functions";
import type { ZodType } from "zod";
import { ConfigError, getConfig } from "../config.ts";
import type { AppConfig } from "../config.ts";
import { createRequestLog, log } from "../log.ts";
import type { RequestLog } from "../log.ts";
import { reportError } from "../sentry.ts";
import { methodHasBody, readJsonBody } from "./body.ts";
import { corsHeaders, preflightResponse } from "./cors.ts";
import { isHttpProblem, problemResponse, problems } from "./problem.ts";
import { queryObject, validate } from "./validation.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type EndpointContext = {
  request: Request;
  url: URL;
  requestId: string;
  netlify: Context;
  /** Read on first use, so an endpoint that needs no configuration (liveness) answers even when it is broken. */
  readonly config: AppConfig;
  log: RequestLog;
};

export type EndpointSpec<TQuery, TBody> = {
  /** Function name used in logs and error reports. */
  name: string;
  methods: readonly Method[];
  query?: ZodType<TQuery>;
  /** Validated only for methods that carry a body (POST, PUT, PATCH). */
  body?: ZodType<TBody>;
  handle(input: { query: TQuery; body: TBody | undefined }, ctx: EndpointContext): Promise<Response>;
};

export type NetlifyHandler = (request: Request, context: Context) => Promise<Response>;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function requestIdOf(request: Request, context: Context): string {
  const given = request.headers.get("x-request-id");
  if (given !== null && REQUEST_ID.test(given)) return given;
  return context.requestId || crypto.randomUUID();
}

/** The one wrapper every function uses: CORS, request id, method check, input validation, error mapping, one log line. */
export function defineEndpoint<TQuery = Record<string, never>, TBody = never>(
  spec: EndpointSpec<TQuery, TBody>,
): NetlifyHandler {
  return async (request, context) => {
    const started = performance.now();
    const requestId = requestIdOf(request, context);
    const url = new URL(request.url);
    const requestLog = createRequestLog({ fn: spec.name, method: request.method, path: url.pathname, requestId });
    let response: Response;
    try {
      const ctx = { request, url, requestId, netlify: context, log: requestLog, get config() { return getConfig(); } };
      response = await dispatch(spec, ctx);
    } catch (error) {
      response = await failureResponse(error, spec.name, requestLog);
    }
    const final = decorate(response, request, requestId, configIfValid());
    requestLog.set({ status: final.status, durationMs: Math.round(performance.now() - started) });
    log(final.status >= 500 ? "error" : "info", "request", requestLog.fields);
    return final;
  };
}

function configIfValid(): AppConfig | undefined {
  try {
    return getConfig();
  } catch {
    return undefined;
  }
}

async function dispatch<TQuery, TBody>(spec: EndpointSpec<TQuery, TBody>, ctx: EndpointContext): Promise<Response> {
  const method = ctx.request.method.toUpperCase();
  if (method === "OPTIONS") {
    return preflightResponse(ctx.request.headers.get("origin"), configIfValid()?.CORS_ALLOWED_ORIGINS ?? [], spec.methods);
  }
  if (!(spec.methods as readonly string[]).includes(method)) throw problems.methodNotAllowed(spec.methods);
  const query = spec.query ? validate(spec.query, queryObject(ctx.url), "query") : ({} as TQuery);
  let body: TBody | undefined;
  if (methodHasBody(method)) {
    const raw = await readJsonBody(ctx.request, configIfValid()?.REQUEST_BODY_LIMIT_BYTES ?? 64 * 1024);
    body = spec.body ? validate(spec.body, raw ?? {}, "body") : undefined;
  }
  return spec.handle({ query, body }, ctx);
}

async function failureResponse(error: unknown, fn: string, requestLog: RequestLog): Promise<Response> {
  if (isHttpProblem(error)) {
    requestLog.set({ problem: error.problem.title });
    return problemResponse(error.problem, error.headers);
  }
  const isConfig = error instanceof ConfigError;
  requestLog.set({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  await reportError(error, { function: fn });
  return problemResponse({
    title: "Internal Server Error",
    status: 500,
    detail: isConfig ? "The server is misconfigured; the operator has been told." : "Something went wrong on our side.",
  });
}

function decorate(response: Response, request: Request, requestId: string, config: AppConfig | undefined): Response {
  const headers = new Headers(response.headers);
  headers.set("x-request-id", requestId);
  const cors = corsHeaders(request.headers.get("origin"), config?.CORS_ALLOWED_ORIGINS ?? []);
  for (const [name, value] of Object.entries(cors)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
