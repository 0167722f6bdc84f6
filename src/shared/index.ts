// The ground floor: configuration, logging, error reporting, Redis and Postgres clients, HTTP primitives.
// Nothing here imports from another folder of src/.
export { ConfigError, envSchema, isLocalMode, parseConfig } from "./config.ts";
export type { AppConfig } from "./config.ts";
export { createPool, createSql, DatabaseUnavailableError, neonDb } from "./db.ts";
export type { Db, Row, Sql, SqlQuery, Statement } from "./db.ts";
export { createRedis, REDIS_TIMEOUT_MS } from "./redis.ts";
export { createServices } from "./services.ts";
export { guardedRedis, isStoreFailure, StoreBreaker, StoreDownError } from "./store-breaker.ts";
export type { Services } from "./services.ts";
export { checkReadiness } from "./readiness.ts";
export type { DependencyName, DependencyStatus, Readiness } from "./readiness.ts";
export { createRequestLog, log, setLogLevel } from "./log.ts";
export type { LogFields, LogLevel, RequestLog } from "./log.ts";
export { redactSecrets, redactString, secretValues } from "./redact.ts";
export { configureSentry, reportError, reportIncident, sentryEnabled, withRequestScope } from "./sentry.ts";
export type { IncidentKind, ReportOptions, ReportTags, SentrySettings } from "./sentry.ts";
export { mulberry32 } from "./random.ts";
export type { Rng } from "./random.ts";
export { readJsonText, readTextBody } from "./http/body.ts";
export { corsHeaders, EXPOSED_HEADERS, preflightResponse } from "./http/cors.ts";
export {
  HttpProblem,
  isHttpProblem,
  jsonResponse,
  PROBLEM_TYPE_BASE,
  problemResponse,
  problems,
  problemType,
} from "./http/problem.ts";
export type { ProblemDetails } from "./http/problem.ts";
export {
  fieldErrors,
  legacyAliasesOf,
  queryObject,
  renameLegacyFields,
  storedText,
  validate,
  withLegacyAliases,
} from "./http/validation.ts";
export type { FieldError, LegacyAlias } from "./http/validation.ts";
