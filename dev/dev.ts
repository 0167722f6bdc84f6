// `npm run dev`: services, local stand-ins, the Keepa simulator and `netlify dev` offline, all stopped by Ctrl-C.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { migrate } from "../scripts/db-migrate.ts";
import { copyPublicAssets } from "../scripts/public-assets.ts";
import { ensureDevKey } from "./dev-key.ts";
import { startKeepaSimulator } from "./keepa-simulator/server.ts";
import { startNeonLocal } from "./neon-local.ts";
import { ensureServices, LOCAL_PG_ADMIN_URL, LOCAL_REDIS_URL } from "./services.ts";
import { startUpstashBridge } from "./upstash-bridge.ts";

const PORTS = { site: 8888, simulator: 8787, bridge: 8079, neonHttp: 8081, neonWs: 8082 };
/** Keepa-like latencies, so the dashboard and manual tests feel real. */
const DEV_LATENCY_MS = {
  token: 40,
  product: 150,
  query: 300,
  bestsellers: 200,
  category: 60,
  search: 80,
  deal: 200,
  offers: 3000,
};
const DEV_DATABASE = process.env.DEV_DATABASE ?? "arbitragevault_dev";
const closers: (() => Promise<void>)[] = [];
let netlify: ChildProcess | undefined;

async function ensureDevDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: LOCAL_PG_ADMIN_URL });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DEV_DATABASE]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DEV_DATABASE}`);
  await admin.end();
  const url = new URL(LOCAL_PG_ADMIN_URL);
  url.pathname = `/${DEV_DATABASE}`;
  await migrate(url.toString(), "up", true);
  return url.toString();
}

/** Local mode: with a real KEEPA_API_KEY the functions talk to Keepa instead. */
async function startSimulator(): Promise<Record<string, string>> {
  if (process.env.KEEPA_API_KEY) return {};
  const simulator = await startKeepaSimulator({ port: PORTS.simulator, latencyMs: DEV_LATENCY_MS });
  closers.push(() => simulator.close());
  console.log(`dev: Keepa simulator on ${simulator.url} (control API ${simulator.url}/__sim/state)`);
  return { KEEPA_BASE_URL: simulator.url };
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (netlify?.pid !== undefined && netlify.exitCode === null) {
    try {
      process.kill(-netlify.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  for (const close of closers.reverse()) await close().catch(() => undefined);
  process.exit(code);
}

async function main(): Promise<void> {
  await ensureServices();
  const databaseUrl = await ensureDevDatabase();
  const apiKey = await ensureDevKey(databaseUrl);
  const bridge = await startUpstashBridge({
    port: PORTS.bridge,
    redisUrl: LOCAL_REDIS_URL,
    token: "local-upstash-token",
  });
  closers.push(() => bridge.close());
  const neon = await startNeonLocal({ httpPort: PORTS.neonHttp, wsPort: PORTS.neonWs });
  closers.push(() => neon.close());
  const keepa = await startSimulator();
  const env = {
    ...process.env,
    UPSTASH_REDIS_REST_URL: bridge.url,
    UPSTASH_REDIS_REST_TOKEN: bridge.token,
    DATABASE_URL: databaseUrl,
    NEON_LOCAL_HTTP_ENDPOINT: neon.httpEndpoint,
    NEON_LOCAL_WS_PROXY: neon.wsProxy,
    LEDGER_PREFIX: process.env.LEDGER_PREFIX ?? "dev",
    ...keepa,
  };
  console.log(
    `dev: Upstash bridge ${bridge.url}, Neon /sql ${neon.httpEndpoint}, ws ${neon.wsProxy}, database ${DEV_DATABASE}`,
  );
  // /docs and the dashboard load Swagger UI and openapi-fetch from public/vendor/, never from a CDN.
  copyPublicAssets();
  // The CLI itself (not npx), in its own process group, so shutdown can stop it and everything it spawned.
  const cli = new URL("../node_modules/.bin/netlify", import.meta.url).pathname;
  netlify = spawn(cli, ["dev", "--offline", "--internal-disable-edge-functions", "--port", String(PORTS.site)], {
    env,
    stdio: "inherit",
    detached: true,
  });
  netlify.on("exit", (code) => void shutdown(code ?? 0));
  console.log(
    `dev: API key for this run: ${apiKey}  (curl -H "Authorization: Bearer ${apiKey}" ` +
      `localhost:${PORTS.site}/api/v1/tokens)`,
  );
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
await main();
