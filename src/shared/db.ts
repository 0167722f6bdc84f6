import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import type { NeonQueryFunction } from "@neondatabase/serverless";
import ws from "ws";
import { getConfig } from "./config.ts";
import type { AppConfig } from "./config.ts";

let configuredFor: string | undefined;

/**
 * Points the Neon driver at the local stand-ins when their endpoints are configured (dev and tests); in production
 * both are unset and the driver talks to Neon. Node 20 has no global WebSocket, hence `ws`.
 */
function configureNeon(config: AppConfig): void {
  const signature = `${config.NEON_LOCAL_HTTP_ENDPOINT ?? ""}|${config.NEON_LOCAL_WS_PROXY ?? ""}`;
  if (configuredFor === signature) return;
  neonConfig.webSocketConstructor = ws;
  if (config.NEON_LOCAL_HTTP_ENDPOINT) neonConfig.fetchEndpoint = config.NEON_LOCAL_HTTP_ENDPOINT;
  const proxy = config.NEON_LOCAL_WS_PROXY;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  configuredFor = signature;
}

/** One-shot HTTP queries (`neon()`): the right tool for a function's few statements. */
export function getSql(): NeonQueryFunction<false, false> {
  const config = getConfig();
  configureNeon(config);
  return neon(config.DATABASE_URL);
}

/** A WebSocket pool for interactive transactions; callers must `end()` it before the function returns. */
export function createPool(): Pool {
  const config = getConfig();
  configureNeon(config);
  return new Pool({ connectionString: config.DATABASE_URL, max: 2 });
}
