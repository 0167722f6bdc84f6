import type { Context } from "@netlify/functions";
import type { ZodType } from "zod";
import { authenticate, requireScope } from "../../auth/authenticate.ts";
import type { ApiIdentity, ApiScope } from "../../auth/types.ts";
import { ConfigError, getConfig } from "../config.ts";
import type { AppConfig } from "../config.ts";
import { createRequestLog, log } from "../log.ts";
import type { RequestLog } from "../log.ts";
import { reportError, withRequestScope } from "../sentry.ts";
import type { ReportTags } from "../sentry.ts";
import { methodHasBody, readJsonBody } from "./body.ts";
import { corsHeaders, preflightResponse } from "./cors.ts";
import { isHttpProblem, problemResponse, problems } from "./problem.ts";
import { queryObject, validate } from "./validation.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `api_key`: `Authorization: Bearer <key>` is checked before anything else runs. `public`: anyone (health only). */
export type AuthMode = "public" | "api_key";

export type EndpointContext = {
  request: Request;
  url: URL;
  requestId: string;
  netlify: Context;
  /** Read on first use, so an endpoint that needs no configuration (liveness) answers even when it is broken. */
  readonly config: AppConfig;
  log: RequestLog;
  /** The verified caller; undefined only on public endpoints. */
  auth: ApiIdentity | undefined;
};

export type EndpointSpec<TQuery, TBody> = {
  /** Function name used in logs and error reports. */
  name: string;
  methods: readonly Method[];
  /** Secure by default: only a key holder reaches validation, the handler, the ledger or Keepa. @default "api_key" */
  auth?: AuthMode;
  /** The scope the key must hold (403 otherwise); ignored on public endpoints. @default none — any valid key */
  scope?: ApiScope;
  query?: ZodType<TQuery>;
  /** Validated only for methods that carry a body (POST, PUT, PATCH). */
  body?: ZodType<TBody>;
  handle(input: { query: TQuery; body: TBody | undefined }, ctx: EndpointContext): Promise<Response>;
};

export type NetlifyHandler = (request: Request, context: Context) => Promise<Response>;

/** What a handler declares about itself, readable by tests (the bad-input suite walks every endpoint's schemas). */
export type EndpointMeta = Pick<EndpointSpec<unknown, unknown>, "name" | "methods" | "scope" | "query" | "body"> & { auth: AuthMode };
export type EndpointHandler = NetlifyHandler & { readonly endpoint: EndpointMeta };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function requestIdOf(request: Request, context: Context): string {
  const given = request.headers.get("x-request-id");
  if (given !== null && REQUEST_ID.test(given)) return given;
  return context.requestId || crypto.randomUUID();
}

/**
 * The one wrapper every function uses: CORS, request id, authentication, method check, input validation, error
 * mapping, one log line, and (when SENTRY_DSN is set) a Sentry isolation scope per request.
 */
export function defineEndpoint<TQuery = Record<string, never>, TBody = never>(
  spec: EndpointSpec<TQuery, TBody>,
): EndpointHandler {
  const handler: NetlifyHandler = (request, context) =>
    withRequestScope({ function: spec.name }, () => serve(spec, request, context));
  const meta: EndpointMeta = { name: spec.name, methods: spec.methods, auth: spec.auth ?? "api_key", scope: spec.scope, query: spec.query, body: spec.body };
  return Object.assign(handler, { endpoint: meta });
}

async function serve<TQuery, TBody>(spec: EndpointSpec<TQuery, TBody>, request: Request, context: Context): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdOf(request, context);
  const url = new URL(request.url);
  const requestLog = createRequestLog({ fn: spec.name, method: request.method, path: url.pathname, requestId });
  let response: Response;
  try {
    const ctx: EndpointContext = { request, url, requestId, netlify: context, log: requestLog, auth: undefined, get config() { return getConfig(); } };
    response = await dispatch(spec, ctx);
  } catch (error) {
    response = await failureResponse(error, spec.name, requestLog, context);
  }
  const final = decorate(response, request, requestId, configIfValid());
  requestLog.set({ status: final.status, durationMs: Math.round(performance.now() - started) });
  log(final.status >= 500 ? "error" : "info", "request", requestLog.fields);
  return final;
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
  // Before anything reads the input: an unauthenticated request never reaches validation, the ledger or Keepa.
  if ((spec.auth ?? "api_key") === "api_key") {
    ctx.auth = await authenticate(ctx.request, ctx.config);
    ctx.log.set({ apiKeyId: ctx.auth.apiKeyId });
    requireScope(ctx.auth, spec.scope);
  }
  if (!(spec.methods as readonly string[]).includes(method)) throw problems.methodNotAllowed(spec.methods);
  const query = spec.query ? validate(spec.query, queryObject(ctx.url), "query") : ({} as TQuery);
  let body: TBody | undefined;
  if (methodHasBody(method)) {
    const raw = await readJsonBody(ctx.request, configIfValid()?.REQUEST_BODY_LIMIT_BYTES ?? 64 * 1024);
    // Only an empty body means "no options"; a literal JSON null is input like any other and must pass the schema.
    body = spec.body ? validate(spec.body, raw === undefined ? {} : raw, "body") : undefined;
  }
  return spec.handle({ query, body }, ctx);
}

/** Tags for an event: the function, plus the action and refusal reason once the guard has logged them. */
function reportTags(fn: string, requestLog: RequestLog): ReportTags {
  const { action, reason, requestId } = requestLog.fields;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { function: fn, action: text(action), reason: text(reason), requestId: text(requestId) };
}

async function failureResponse(error: unknown, fn: string, requestLog: RequestLog, context: Context): Promise<Response> {
  if (isHttpProblem(error)) {
    requestLog.set({ problem: error.problem.title });
    return problemResponse(error.problem, error.headers);
  }
  const isConfig = error instanceof ConfigError;
  requestLog.set({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  await reportError(error, reportTags(fn, requestLog), typeof context.waitUntil === "function" ? { waitUntil: (promise) => context.waitUntil(promise) } : {});
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
