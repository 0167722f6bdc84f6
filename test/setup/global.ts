// Starts what integration tests share: the Upstash bridge and the Neon stand-ins in front of the machine's real
// Redis and Postgres, and a migrated template database that each test file clones.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startNeonLocal } from "../../dev/neon-local.ts";
import { ensureServices, LOCAL_PG_ADMIN_URL, LOCAL_REDIS_URL } from "../../dev/services.ts";
import { startUpstashBridge } from "../../dev/upstash-bridge.ts";
import { migrate } from "../../scripts/db-migrate.ts";

declare module "vitest" {
  // Module augmentation can only merge into an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    stack: {
      upstashUrl: string;
      upstashToken: string;
      neonHttpEndpoint: string;
      neonWsProxy: string;
      pgAdminUrl: string;
      templateDatabase: string;
      redisUrl: string;
    };
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: LOCAL_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  await ensureServices();
  const templateDatabase = `av_tpl_${process.pid}`;
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await client.query(`CREATE DATABASE ${templateDatabase}`);
  });
  await migrate(databaseUrl(LOCAL_PG_ADMIN_URL, templateDatabase), "up", true);
  const bridge = await startUpstashBridge({ redisUrl: LOCAL_REDIS_URL, token: "test-upstash-token" });
  const neon = await startNeonLocal();
  project.provide("stack", {
    upstashUrl: bridge.url,
    upstashToken: bridge.token,
    neonHttpEndpoint: neon.httpEndpoint,
    neonWsProxy: neon.wsProxy,
    pgAdminUrl: LOCAL_PG_ADMIN_URL,
    templateDatabase,
    redisUrl: LOCAL_REDIS_URL,
  });
  return async () => {
    await bridge.close();
    await neon.close();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`));
  };
}
