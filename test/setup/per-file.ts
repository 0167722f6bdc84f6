// Each test file gets its own database (cloned from the migrated template) and its own Redis key prefix,
// so files run in parallel without seeing each other's state.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { setLogLevel } from "../../src/shared/index.ts";
import type { LogLevel } from "../../src/shared/index.ts";

const stack = inject("stack");
const suffix = randomBytes(5).toString("hex");
const database = `av_t_${suffix}`;

function urlFor(name: string): string {
  const url = new URL(stack.pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: stack.pgAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

Object.assign(process.env, {
  UPSTASH_REDIS_REST_URL: stack.upstashUrl,
  UPSTASH_REDIS_REST_TOKEN: stack.upstashToken,
  DATABASE_URL: urlFor(database),
  NEON_LOCAL_HTTP_ENDPOINT: stack.neonHttpEndpoint,
  NEON_LOCAL_WS_PROXY: stack.neonWsProxy,
  LEDGER_PREFIX: `t:${suffix}`,
  KEEPA_BASE_URL: "http://127.0.0.1:9",
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
});
delete process.env.KEEPA_API_KEY;
delete process.env.SENTRY_DSN;
setLogLevel((process.env.LOG_LEVEL as LogLevel | undefined) ?? "silent");

beforeAll(async () => {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(`CREATE DATABASE ${database} TEMPLATE ${stack.templateDatabase}`);
      return;
    } catch (error) {
      // Two clones of one template at the same instant can collide; a short retry settles it.
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
});

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});
