import type { Context } from "@netlify/functions";
import type { ZodType } from "zod";
import { createRequestLog, log } from "../shared/index.ts";
import type { AppConfig, RequestLog, ReportTags, Services } from "../shared/index.ts";
import {
  corsHeaders,
  preflightResponse,
  problems,
  queryObject,
  readJsonText,
  readTextBody,
  validate,
} from "../shared/index.ts";
import { withRequestScope } from "../shared/index.ts";
import type { ApiIdentity, ApiScope } from "./auth/types.ts";
import { failureResponse } from "./problems.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a request carries through the pipeline: built once per request, read by steps and the handler. */
export type EndpointContext<R extends Services = Services> = {
  /** The function name, for logs, error reports and the dashboard. */
  name: string;
  request: Request;
  url: URL;
  requestId: string;
  netlify: Context;
  /** Built on first use, so an endpoint that needs no configuration (liveness) answers even when it is broken. */
  readonly runtime: R;
  readonly config: AppConfig;
  log: RequestLog;
  /** The verified caller; set by the `authenticate` step, undefined on public endpoints. */
  auth: ApiIdentity | undefined;
  /** What an error report is tagged with; the token guard adds its action. */
  tags: ReportTags;
  /** The body's exact text, read once up to REQUEST_BODY_LIMIT_BYTES (a signature covers these bytes). */
  rawBody(): Promise<string>;
  /** Work that may outlive the response (Netlify's waitUntil; awaited nowhere when the platform has none). */
  defer(promise: Promise<unknown>): void;
};

/** One declared stage before the handler: authentication, a scope, a signature check. Throws a problem to refuse. */
export type Step = {
  name: "authenticate" | "scope" | "signature";
  /** The scope a `scope` step requires (read by tests and the bad-input suite). */
  scope?: ApiScope;
  /** The methods a `scope` step applies to; every method when absent. */
  methods?: readonly Method[];
  run(ctx: EndpointContext): Promise<void> | void;
};

export type EndpointSpec<TQuery, TBody, R extends Services> = {
  /** Function name used in logs and error reports. */
  name: string;
  methods: readonly Method[];
  /**
   * Run in order before input validation. An endpoint without `authenticate` is public: only health checks, the
   * 404 fallback and the HMAC-signed routes are.
   */
  steps: readonly Step[];
  query?: ZodType<TQuery>;
  /** Validated only for methods that carry a body (POST, PUT, PATCH). */
  body?: ZodType<TBody>;
  /**
   * A scheduled function: Netlify's own invocations (and `netlify functions:invoke`) carry a `{"next_run":…}` body
   * under the invoker's content headers, which is not input; it is skipped for them. @default false
   */
  scheduled?: boolean;
  /**
   * Media types the handler reads itself through `ctx.rawBody()` (an uploaded CSV): such a body is neither parsed as
   * JSON nor validated against `body`, and the handler gets `body: undefined`. @default none: every body is JSON
   */
  rawBodyTypes?: readonly string[];
  /**
   * The largest body this endpoint reads, when its input outgrows REQUEST_BODY_LIMIT_BYTES (a 1,000-row list); the
   * larger of the two applies. @default REQUEST_BODY_LIMIT_BYTES
   */
  bodyLimitBytes?: number;
  handle(input: { query: TQuery; body: TBody | undefined }, ctx: EndpointContext<R>): Promise<Response>;
};

export type NetlifyHandler = (request: Request, context: Context) => Promise<Response>;
export type AuthMode = "public" | "api_key";

/** What a handler declares about itself, readable by tests (the bad-input suite walks every endpoint's schemas). */
export type EndpointMeta = {
  name: string;
  methods: readonly Method[];
  auth: AuthMode;
  scope: ApiScope | undefined;
  steps: readonly Step["name"][];
  /** Each `scope` step: the scope, and the methods it applies to (all when undefined). */
  scopes: readonly { scope: ApiScope; methods: readonly Method[] | undefined }[];
  query: ZodType | undefined;
  body: ZodType | undefined;
  bodyLimitBytes: number | undefined;
};

/** A Netlify v2 handler that can also be served with a runtime a test built. */
export type EndpointHandler<R extends Services = Services> = NetlifyHandler & {
  readonly endpoint: EndpointMeta;
  serve(request: Request, context: Context, runtime?: R): Promise<Response>;
};

/** How a pipeline gets the instance's runtime: built once from the validated config (the composition root). */
export type RuntimeSource<R extends Services> = () => R;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const DEFAULT_BODY_LIMIT = 64 * 1024;

function requestIdOf(request: Request, context: Context): string {
  const given = request.headers.get("x-request-id");
  if (given !== null && REQUEST_ID.test(given)) return given;
  return context.requestId || crypto.randomUUID();
}

/**
 * The one request pipeline: CORS, request id, the declared steps, method check, input validation, the handler,
 * one error mapping (src/app/problems.ts), one log line, and (when Sentry is configured) an isolation scope.
 */
export function endpointFactory<R extends Services>(runtimeOf: RuntimeSource<R>) {
  return function defineEndpoint<TQuery = Record<string, never>, TBody = never>(
    spec: EndpointSpec<TQuery, TBody, R>,
  ): EndpointHandler<R> {
    const serve = (request: Request, context: Context, runtime?: R) =>
      withRequestScope({ function: spec.name }, () =>
        servePipeline(spec, request, context, runtime ? () => runtime : runtimeOf),
      );
    const handler: NetlifyHandler = (request, context) => serve(request, context);
    return Object.assign(handler, { endpoint: metaOf(spec), serve });
  };
}

function metaOf<TQuery, TBody, R extends Services>(spec: EndpointSpec<TQuery, TBody, R>): EndpointMeta {
  const names = spec.steps.map((step) => step.name);
  return {
    name: spec.name,
    methods: spec.methods,
    auth: names.includes("authenticate") ? "api_key" : "public",
    scope: spec.steps.find((step) => step.name === "scope")?.scope,
    steps: names,
    scopes: spec.steps.flatMap((step) =>
      step.name === "scope" && step.scope ? [{ scope: step.scope, methods: step.methods }] : [],
    ),
    query: spec.query,
    body: spec.body,
    bodyLimitBytes: spec.bodyLimitBytes,
  };
}

/**
 * The instance's runtime, looked up once per request however often steps and handlers read it. A configuration
 * error is not remembered: it is thrown to every reader, so the request answers 500 and liveness still answers.
 */
function perRequest<R extends Services>(runtimeOf: RuntimeSource<R>): RuntimeSource<R> {
  let found: R | undefined;
  return () => (found ??= runtimeOf());
}

/** The runtime if the configuration is valid: CORS and limits must still work on a broken deployment. */
function configIfValid<R extends Services>(runtimeOf: RuntimeSource<R>): AppConfig | undefined {
  try {
    return runtimeOf().config;
  } catch {
    return undefined;
  }
}

function contextFor<R extends Services>(
  spec: { name: string; bodyLimitBytes?: number | undefined },
  request: Request,
  netlify: Context,
  runtimeOf: RuntimeSource<R>,
): EndpointContext<R> {
  const requestId = requestIdOf(request, netlify);
  const url = new URL(request.url);
  let raw: Promise<string> | undefined;
  const defer = (promise: Promise<unknown>) => {
    if (typeof netlify.waitUntil === "function") netlify.waitUntil(promise);
  };
  return {
    name: spec.name,
    request,
    url,
    requestId,
    netlify,
    get runtime() {
      return runtimeOf();
    },
    get config() {
      return runtimeOf().config;
    },
    log: createRequestLog({ fn: spec.name, method: request.method, path: url.pathname, requestId }),
    auth: undefined,
    tags: { function: spec.name, requestId },
    rawBody: () =>
      (raw ??= readTextBody(
        request,
        Math.max(configIfValid(runtimeOf)?.REQUEST_BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT, spec.bodyLimitBytes ?? 0),
      )),
    defer,
  };
}

async function servePipeline<TQuery, TBody, R extends Services>(
  spec: EndpointSpec<TQuery, TBody, R>,
  request: Request,
  netlify: Context,
  runtimeOf: RuntimeSource<R>,
): Promise<Response> {
  const started = performance.now();
  const runtime = perRequest(runtimeOf);
  const ctx = contextFor(spec, request, netlify, runtime);
  let response: Response;
  try {
    response = await dispatch(spec, ctx);
  } catch (error) {
    response = await failureResponse(error, ctx);
  }
  const final = decorate(response, request, ctx.requestId, configIfValid(runtime));
  ctx.log.set({ status: final.status, durationMs: Math.round(performance.now() - started) });
  log(final.status >= 500 ? "error" : "info", "request", ctx.log.fields);
  return final;
}

async function dispatch<TQuery, TBody, R extends Services>(
  spec: EndpointSpec<TQuery, TBody, R>,
  ctx: EndpointContext<R>,
): Promise<Response> {
  const method = ctx.request.method.toUpperCase();
  if (method === "OPTIONS") {
    const origins = configIfValid(() => ctx.runtime)?.CORS_ALLOWED_ORIGINS ?? [];
    return preflightResponse(ctx.request.headers.get("origin"), origins, spec.methods);
  }
  if (!(spec.methods as readonly string[]).includes(method)) throw problems.methodNotAllowed(spec.methods);
  // Before anything reads the input: an unauthenticated request never reaches validation, the ledger or Keepa.
  for (const step of spec.steps) await step.run(ctx);
  const query = spec.query ? validate(spec.query, queryObject(ctx.url), "query") : ({} as TQuery);
  let body: TBody | undefined;
  if (
    BODY_METHODS.has(method) &&
    !(spec.scheduled === true && isScheduleInvocation(ctx.request)) &&
    !isRawBody(spec.rawBodyTypes, ctx.request)
  ) {
    const parsed = readJsonText(await ctx.rawBody(), ctx.request.headers.get("content-type"));
    // Only an empty body means "no options"; a literal JSON null is input like any other and must pass the schema.
    if (spec.body) body = validate(spec.body, parsed === undefined ? {} : parsed, "body");
  }
  return spec.handle({ query, body }, ctx);
}

/** A body of a media type the handler reads itself (`rawBodyTypes`). */
function isRawBody(types: readonly string[] | undefined, request: Request): boolean {
  if (!types || types.length === 0) return false;
  const media = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return types.includes(media);
}

/** Netlify's scheduler (and `netlify functions:invoke`) marks its calls so. */
function isScheduleInvocation(request: Request): boolean {
  const agent = request.headers.get("user-agent") ?? "";
  return request.headers.get("x-nf-event") === "schedule" || agent.startsWith("Netlify Clockwork");
}

function decorate(response: Response, request: Request, requestId: string, config: AppConfig | undefined): Response {
  const headers = new Headers(response.headers);
  headers.set("x-request-id", requestId);
  const cors = corsHeaders(request.headers.get("origin"), config?.CORS_ALLOWED_ORIGINS ?? []);
  for (const [name, value] of Object.entries(cors)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
