// The local stand-ins every benchmark shares: Redis behind the Upstash bridge (behind a round-trip counter), the
// Neon stand-ins and one migrated bench database. Functions read them from process.env, as in production.
import pg from "pg";
import { startNeonLocal } from "../../dev/neon-local.ts";
import type { RunningNeonLocal } from "../../dev/neon-local.ts";
import { ensureServices, LOCAL_PG_ADMIN_URL } from "../../dev/services.ts";
import { migrate } from "../../scripts/db-migrate.ts";
import { startRedisStandIn } from "./redis-stand-in.ts";
import type { RedisStandIn } from "./redis-stand-in.ts";

export type Stack = {
  redis: RedisStandIn;
  /** Environment a function process needs (add KEEPA_BASE_URL and LEDGER_PREFIX per scenario). */
  env: Record<string, string>;
  /** A unique key prefix, so runs and scenarios never see each other's ledger or cache. */
  prefix(name: string): string;
  close(): Promise<void>;
};

const runId = `bench:${Date.now().toString(36)}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: LOCAL_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(LOCAL_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startStack(withDatabase: boolean): Promise<Stack> {
  await ensureServices();
  const redis = await startRedisStandIn();
  const database = `av_bench_${process.pid}`;
  let neon: RunningNeonLocal | undefined;
  if (withDatabase) {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${database}`);
    await migrate(databaseUrl(database), "up", true);
    neon = await startNeonLocal();
  }
  const env: Record<string, string> = {
    UPSTASH_REDIS_REST_URL: redis.url,
    UPSTASH_REDIS_REST_TOKEN: redis.token,
    DATABASE_URL: databaseUrl(database),
    LOG_LEVEL: "silent",
    ...(neon ? { NEON_LOCAL_HTTP_ENDPOINT: neon.httpEndpoint, NEON_LOCAL_WS_PROXY: neon.wsProxy } : {}),
  };
  Object.assign(process.env, env);
  delete process.env.KEEPA_API_KEY;
  delete process.env.SENTRY_DSN;
  delete process.env.TOKEN_COSTS_OVERRIDE;
  let scenarios = 0;
  return {
    redis,
    env,
    prefix: (name) => `${runId}:${name}:${++scenarios}`,
    close: async () => {
      await redis.close();
      if (neon) {
        await neon.close();
        await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    },
  };
}

/** Points this process's functions at a simulator and a fresh prefix (and optional extra env). */
export function useScenario(keepaUrl: string, prefix: string, extra: Record<string, string | undefined> = {}): void {
  process.env.KEEPA_BASE_URL = keepaUrl;
  process.env.LEDGER_PREFIX = prefix;
  // Reflect.deleteProperty: process.env turns an assigned undefined into the string "undefined".
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
}
