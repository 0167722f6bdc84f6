import { isLocalMode, problems } from "../../shared/index.ts";
import type { Services, SqlQuery } from "../../shared/index.ts";
import { cachedIdentity, cacheIdentity } from "./cache.ts";
import { hashApiKey, isWellFormedKey, LOCAL_API_KEY, sameKey } from "./key-format.ts";
import { findActiveKey } from "./store.ts";
import { API_SCOPES } from "./types.ts";
import type { ApiIdentity } from "./types.ts";

/** The fixed local key has no row in api_keys: this id marks it. */
export const LOCAL_IDENTITY_ID = "local";

const LOCAL_IDENTITY: ApiIdentity = {
  apiKeyId: LOCAL_IDENTITY_ID,
  name: "local mode (LOCAL_API_KEY)",
  scopes: [...API_SCOPES],
  dailyTokenQuota: null,
};

/** The bearer token, or undefined when the header is absent or not a well-formed API key. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header === null ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const token = match?.[1];
  return token !== undefined && isWellFormedKey(token) ? token : undefined;
}

const authUnavailable = () =>
  problems.serviceUnavailable(
    "API keys cannot be checked right now, so nothing was done — retry in 2 s.",
    2,
    "auth_unavailable",
  );

/** Redis first (≤30 s old), then Postgres; both answers are cached, so a revoked key hammering us costs little. */
async function lookup(services: Services, keyHash: string): Promise<ApiIdentity | undefined> {
  const { redis, config } = services;
  const query: SqlQuery = async (text, params) => (await services.sql.query(text, params)) as Record<string, unknown>[];
  const cached = await cachedIdentity(redis, config.LEDGER_PREFIX, keyHash).catch(() => {
    throw authUnavailable();
  });
  if (cached !== undefined) return cached ?? undefined;
  let found: ApiIdentity | undefined;
  try {
    found = await findActiveKey(query, keyHash);
  } catch {
    throw authUnavailable();
  }
  await cacheIdentity(redis, config.LEDGER_PREFIX, keyHash, found);
  return found;
}

/**
 * Verifies `Authorization: Bearer <key>` and returns who is calling, or throws a 401 problem. The fixed local key is
 * honoured only in local mode (simulator on loopback, no KEEPA_API_KEY): with a real Keepa key it is just another
 * unknown key.
 */
export async function authenticate(request: Request, services: Services): Promise<ApiIdentity> {
  const token = bearerToken(request);
  if (token === undefined) {
    throw problems.unauthorized(
      request.headers.has("authorization") ? "The Authorization header does not hold a valid API key." : undefined,
    );
  }
  if (isLocalMode(services.config) && sameKey(token, LOCAL_API_KEY)) return LOCAL_IDENTITY;
  const identity = await lookup(services, hashApiKey(token));
  if (!identity) throw problems.unauthorized("This API key is unknown or revoked.");
  return identity;
}

/** 403 unless the key holds the scope the endpoint needs. */
export function requireScope(identity: ApiIdentity, scope: string | undefined): void {
  if (scope === undefined || identity.scopes.includes(scope)) return;
  throw problems.forbidden(`This API key lacks the "${scope}" scope.`);
}
