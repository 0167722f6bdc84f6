import type { Redis } from "@upstash/redis";
import type { AppConfig } from "./config.ts";
import { createSql, neonDb } from "./db.ts";
import type { Db, Sql } from "./db.ts";
import { createRedis } from "./redis.ts";
import { guardedRedis, StoreBreaker } from "./store-breaker.ts";

/**
 * The infrastructure every function may use, built from the validated config: what health checks and
 * authentication need, and the base of the application's runtime (src/app/runtime.ts).
 */
export type Services = {
  config: AppConfig;
  redis: Redis;
  sql: Sql;
  db: Db;
  /** Wall clock in ms; tests pass their own. */
  now: () => number;
};

/** No I/O happens here: clients connect on first use. */
export function createServices(config: AppConfig, overrides: Partial<Omit<Services, "config">> = {}): Services {
  const sql = overrides.sql ?? createSql(config);
  return {
    config,
    // One breaker per instance: the first transport failure stops every other call to Redis for a few seconds.
    redis: overrides.redis ?? guardedRedis(createRedis(config), new StoreBreaker()),
    sql,
    db: overrides.db ?? neonDb(sql),
    now: overrides.now ?? (() => Date.now()),
  };
}
