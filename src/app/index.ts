// The application layer: the request pipeline and its steps, authentication, the token guard as HTTP, the one
// problem table, the composition root, and the handlers the doors in netlify/functions declare.
import type { Services } from "../shared/index.ts";
import { endpointFactory } from "./endpoint.ts";
import type { EndpointHandler, EndpointSpec } from "./endpoint.ts";
import { servicesFromEnv } from "./instance.ts";
import { runtimeFromEnv } from "./runtime.ts";
import type { Runtime } from "./runtime.ts";

/** An endpoint on the instance's full runtime (ledger, Keepa, cache, database). */
export function defineEndpoint<TQuery = Record<string, never>, TBody = never>(
  spec: EndpointSpec<TQuery, TBody, Runtime>,
): EndpointHandler<Runtime> {
  return endpointFactory<Runtime>(() => runtimeFromEnv())(spec);
}

/**
 * An endpoint that needs only the config and the store clients (probes, key checks, lists read from Postgres or
 * Redis): its bundle carries none of the Keepa client, ledger or sourcing code.
 */
export function defineServicesEndpoint<TQuery = Record<string, never>, TBody = never>(
  spec: EndpointSpec<TQuery, TBody, Services>,
): EndpointHandler<Services> {
  return endpointFactory<Services>(() => servicesFromEnv())(spec);
}

export type {
  EndpointContext,
  EndpointHandler,
  EndpointMeta,
  EndpointSpec,
  Method,
  NetlifyHandler,
  Step,
} from "./endpoint.ts";
export { createRuntime, loadConfig, runtimeFromEnv } from "./runtime.ts";
export { cachedScoringSettings, SETTINGS_CACHE_MS } from "./settings-cache.ts";
export type { SettingsSource } from "./settings-cache.ts";
export type { Runtime, RuntimeOverrides } from "./runtime.ts";
export { servicesFromEnv } from "./instance.ts";
export { authenticate, internalSignature, scope, signature } from "./steps.ts";
export { guard, respondGuarded, spendPlanned } from "./guard.ts";
export type { GuardedResult, GuardOptions, Spending } from "./guard.ts";
export { denialProblem, failureResponse, planTooBigProblem, storeUnavailableProblem } from "./problems.ts";
export { bearerToken } from "./auth/authenticate.ts";
export { evictIdentity, KEY_CACHE_TTL_SECONDS, keyCacheKey } from "./auth/cache.ts";
export { generateApiKey, hashApiKey, isWellFormedKey, keyPrefix, LOCAL_API_KEY, sameKey } from "./auth/key-format.ts";
export { createApiKey, findActiveKey, listApiKeys, revokeApiKey } from "./auth/store.ts";
export type { ApiKeyRow, NewApiKey } from "./auth/store.ts";
export { API_SCOPES, DEFAULT_SCOPES, isApiScope } from "./auth/types.ts";
export type { ApiIdentity, ApiScope } from "./auth/types.ts";
export { liveness, readiness } from "./endpoints/health.ts";
export { openApi } from "./endpoints/openapi.ts";
export { API_VERSION, openApiDocument, operations, PROBLEM_REASONS, problemsOf } from "./contract/index.ts";
export type { Operation, ProblemReason } from "./contract/index.ts";
export { tokenHistory, tokenHistoryQuery, tokenRequests, tokenRequestsQuery, tokenStatus } from "./endpoints/tokens.ts";
export {
  discoverNiches,
  discoverProducts,
  discoverWithScoring,
  categoriesQuery,
  listCategories,
  lookupProduct,
} from "./endpoints/sourcing.ts";
export { verifyPurchase } from "./endpoints/verify-purchase.ts";
export {
  configBody,
  configChangesQuery,
  previewBody,
  scoringConfig,
  scoringConfigChanges,
  scoringConfigPreview,
} from "./endpoints/settings.ts";
export type { ConfigBody, ConfigChangesQuery, PreviewBody } from "./endpoints/settings.ts";
export {
  analysisResults,
  analysisStatus,
  analyze,
  ANALYZE_BODY_LIMIT_BYTES,
  ANALYZE_RAW_TYPES,
  workAnalysis,
} from "./endpoints/analysis.ts";
export { estimateJob } from "./autosourcing/estimate.ts";
export { job, jobs, pickAction } from "./autosourcing/jobs.ts";
export { jobsOrRunNow, runNow, runNowBody } from "./autosourcing/run-now.ts";
export type { RunNowBody } from "./autosourcing/run-now.ts";
export { profile, profiles } from "./autosourcing/profiles.ts";
export { picks, picksStats, reviewToday, wantsCsv } from "./autosourcing/seller.ts";
export { picksQuery, reviewQuery } from "./autosourcing/seller-inputs.ts";
export type { PicksQuery, ReviewQuery } from "./autosourcing/seller-inputs.ts";
export { tick, triggerJob, workJob } from "./autosourcing/triggers.ts";
export {
  subscriptionBody,
  subscriptionsQuery,
  webhookSubscription,
  webhookSubscriptions,
} from "./webhooks/subscriptions.ts";
export type { SubscriptionBody, SubscriptionsQuery } from "./webhooks/subscriptions.ts";
export {
  estimateBody,
  idempotencyKey,
  jobsQuery,
  pickActionBody,
  profileBody,
  profilesQuery,
  runBody,
  workerBody,
} from "./autosourcing/inputs.ts";
