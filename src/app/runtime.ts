import { httpDispatcher, completionSecret, internalSecret, siteUrl } from "../autosourcing/index.ts";
import type { AutosourcingDeps } from "../autosourcing/index.ts";
import { keepaClientFactory } from "../keepa/index.ts";
import type { KeepaClientFactory } from "../keepa/index.ts";
import { ConfigError, createServices, isLocalMode, parseConfig } from "../shared/index.ts";
import type { AppConfig, Services } from "../shared/index.ts";
import { SourcingCache } from "../sourcing/index.ts";
import type { PlanningDeps } from "../sourcing/index.ts";
import { actionCost, costRegistry, TokenLedger } from "../tokens/index.ts";
import type { CostRegistry } from "../tokens/index.ts";
import { perInstance } from "./instance.ts";
import type { Env } from "./instance.ts";
import { cachedScoringSettings } from "./settings-cache.ts";
import type { SettingsSource } from "./settings-cache.ts";

/**
 * Everything a function instance works with, built once from the validated config: the composition root. Handlers
 * get it through their context (`ctx.runtime`); nothing below reads the environment or builds its own clients.
 */
export type Runtime = Services & {
  costs: CostRegistry;
  ledger: TokenLedger;
  cache: SourcingCache;
  keepa: KeepaClientFactory;
  /** What the sourcing actions plan with. */
  planning: PlanningDeps;
  /** The scoring settings in force, read at most once per SETTINGS_CACHE_MS per instance. */
  scoringSettings: SettingsSource;
  autosourcing: AutosourcingDeps;
};

/** The config, with TOKEN_COSTS_OVERRIDE's action names checked against the registry (a typo fails at cold start). */
export function loadConfig(env: Env): AppConfig {
  const config = parseConfig(env);
  try {
    costRegistry(config.TOKEN_COSTS_OVERRIDE);
  } catch (error) {
    throw new ConfigError([(error as Error).message]);
  }
  return config;
}

/** Parts a test (or the dev server) may replace; everything else follows from the config. */
export type RuntimeOverrides = Partial<Pick<Runtime, "redis" | "sql" | "db" | "now" | "keepa">> & {
  autosourcing?: Partial<AutosourcingDeps>;
  /** The platform's variables outside the schema (Netlify's URL). @default {} */
  env?: Env;
};

export function createRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Runtime {
  const services = createServices(config, overrides);
  const costs = costRegistry(config.TOKEN_COSTS_OVERRIDE);
  const { redis, now } = services;
  const ledger = new TokenLedger({
    redis,
    prefix: config.LEDGER_PREFIX,
    interactiveFloor: config.INTERACTIVE_FLOOR,
    batchReserveFraction: config.BATCH_RESERVE_FRACTION,
    staleAfterMs: config.SNAPSHOT_STALE_MS,
    trustProjectedRefills: config.TRUST_PROJECTED_REFILLS,
  });
  const cache = new SourcingCache({
    redis,
    prefix: config.LEDGER_PREFIX,
    productTtlSeconds: config.PRODUCT_CACHE_TTL_SECONDS,
    discoveryTtlSeconds: config.DISCOVERY_CACHE_TTL_SECONDS,
    now,
  });
  const keepa = overrides.keepa ?? keepaClientFactory(config);
  const planning: PlanningDeps = {
    cache,
    budget: (action) => actionCost(costs, action).cost,
    domain: config.KEEPA_DOMAIN,
    now,
  };
  const autosourcing: AutosourcingDeps = {
    db: services.db,
    redis,
    ledger,
    registry: costs,
    cache,
    prefix: config.LEDGER_PREFIX,
    domain: config.KEEPA_DOMAIN,
    localMode: isLocalMode(config),
    keepa,
    now,
    dispatch: httpDispatcher(),
    signingSecret: () => internalSecret(config),
    baseUrl: siteUrl(config, overrides.env ?? {}),
    webhooks: {
      urls: config.COMPLETION_WEBHOOK_URLS,
      secret: completionSecret(config),
      subscriptionKey: config.WEBHOOK_SUBSCRIPTION_KEY,
      fetch: (input, init) => fetch(input, init),
    },
    ...overrides.autosourcing,
  };
  const scoringSettings = cachedScoringSettings(services.db, now);
  return { ...services, costs, ledger, cache, keepa, planning, scoringSettings, autosourcing };
}

/** This instance's runtime: the composition root every door's pipeline uses. */
export const runtimeFromEnv = /* @__PURE__ */ perInstance((env): Runtime => createRuntime(loadConfig(env), { env }));
