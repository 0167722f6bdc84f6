import type { Redis } from "@upstash/redis";
import type { KeepaClient } from "../keepa/client.ts";
import { getConfig } from "../shared/config.ts";
import { keepaClient } from "../shared/keepa.ts";
import type { KeepaForFunction } from "../shared/keepa.ts";
import { getRedis } from "../shared/redis.ts";
import { sourcingCache } from "../sourcing/cache/index.ts";
import type { SourcingCache } from "../sourcing/cache/sourcing-cache.ts";
import type { CostRegistry } from "../tokens/costs.ts";
import { getCostRegistry, getLedger } from "../tokens/from-config.ts";
import type { TokenLedger } from "../tokens/ledger.ts";
import { neonDb } from "./db.ts";
import type { Db } from "./db.ts";
import { httpDispatcher } from "./dispatch.ts";
import type { Dispatcher } from "./dispatch.ts";
import { completionSecret, internalSecret } from "./secrets.ts";
import { siteUrl } from "./site-url.ts";
import type { WebhookDeps } from "./webhooks/completion.ts";

/** Everything the scheduler and the worker touch, injectable so tests run them without HTTP or with fakes. */
export type AutosourcingDeps = {
  db: Db;
  redis: Redis;
  ledger: TokenLedger;
  registry: CostRegistry;
  cache: SourcingCache;
  /** Redis key prefix (LEDGER_PREFIX). */
  prefix: string;
  domain: number;
  /** A Keepa client metered by the job's budget; with no meter, only for the free /token bootstrap. */
  keepa: (options: KeepaForFunction) => KeepaClient;
  now: () => number;
  dispatch: Dispatcher;
  /** Read when needed, so a missing secret fails the dispatch, not every import. */
  signingSecret: () => string;
  baseUrl: string;
  webhooks: Omit<WebhookDeps, "db" | "now">;
};

/** The deployment's dependencies from the environment. */
export function defaultDeps(overrides: Partial<AutosourcingDeps> = {}): AutosourcingDeps {
  const config = getConfig();
  return {
    db: neonDb(),
    redis: getRedis(),
    ledger: getLedger(),
    registry: getCostRegistry(),
    cache: sourcingCache(),
    prefix: config.LEDGER_PREFIX,
    domain: config.KEEPA_DOMAIN,
    keepa: (options) => keepaClient(options),
    now: () => Date.now(),
    dispatch: httpDispatcher(),
    signingSecret: () => internalSecret(config),
    baseUrl: siteUrl(config),
    webhooks: { urls: config.COMPLETION_WEBHOOK_URLS, secret: completionSecret(config), fetch: (input, init) => fetch(input, init) },
    ...overrides,
  };
}

export const webhookDeps = (deps: AutosourcingDeps): WebhookDeps => ({ ...deps.webhooks, db: deps.db, now: deps.now });
