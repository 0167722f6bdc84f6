import type { Redis } from "@upstash/redis";
import type { KeepaClientFactory } from "../keepa/index.ts";
import type { Db } from "../shared/index.ts";
import type { SourcingCache } from "../sourcing/index.ts";
import type { CostRegistry, TokenLedger } from "../tokens/index.ts";
import type { Dispatcher } from "./dispatch.ts";
import type { WebhookDeps } from "./webhooks/completion.ts";

/**
 * Everything the scheduler and the worker touch. Built once per instance by the composition root (src/app/runtime.ts)
 * from the validated config; tests build it with their own clock and dispatcher.
 */
export type AutosourcingDeps = {
  db: Db;
  redis: Redis;
  ledger: TokenLedger;
  registry: CostRegistry;
  cache: SourcingCache;
  /** Redis key prefix (LEDGER_PREFIX). */
  prefix: string;
  domain: number;
  /**
   * Local mode (simulator, no real Keepa key): a profile saved with the fixed local key has no owner row and runs
   * unmetered by any key. Outside it, every job needs an owner key that may still spend.
   */
  localMode: boolean;
  /** A Keepa client metered by the job's budget; with no meter, only for the free /token bootstrap. */
  keepa: KeepaClientFactory;
  now: () => number;
  dispatch: Dispatcher;
  /** Read when needed, so a missing secret fails the dispatch, not every import. */
  signingSecret: () => string;
  /** Where this site is reachable (SITE_URL or Netlify's URL); undefined locally: see `servedFrom`. */
  baseUrl: string | undefined;
  webhooks: Omit<WebhookDeps, "db" | "now">;
};

export const webhookDeps = (deps: AutosourcingDeps): WebhookDeps => ({ ...deps.webhooks, db: deps.db, now: deps.now });

/** The per-profile lock: one job of a profile runs at a time (tokens' lock primitive, under this key). */
export const profileLockKey = (prefix: string, profileId: string): string => `${prefix}:autosourcing:lock:${profileId}`;

/** A job holds its profile's lock under its own name, so the reaper can free the lock of a job whose worker died. */
export const profileLockToken = (jobId: string): string => `job:${jobId}`;
