import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import type { NeonQueryFunction } from "@neondatabase/serverless";
import ws from "ws";
import type { AppConfig } from "./config.ts";

export type Row = Record<string, unknown>;
export type Statement = { text: string; params: unknown[] };
export type Sql = NeonQueryFunction<false, false>;

/** One parameterised statement → rows. Fits `neon()`'s `sql.query` (functions) and a `pg` client (CLI, dev). */
export type SqlQuery = (text: string, params: unknown[]) => Promise<Row[]>;

/** The SQL the product needs: one-shot queries and non-interactive transactions (Neon over HTTP). */
export type Db = {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** All statements commit together or not at all. */
  transaction(statements: readonly Statement[]): Promise<void>;
};

type NeonEndpoints = Pick<AppConfig, "NEON_LOCAL_HTTP_ENDPOINT" | "NEON_LOCAL_WS_PROXY">;
let configuredFor: string | undefined;

/**
 * Points the Neon driver at the local stand-ins when their endpoints are configured (dev and tests); in production
 * both are unset and the driver talks to Neon. Node 20 has no global WebSocket, hence `ws`. The driver keeps this
 * setting globally, so it is applied once per distinct pair.
 */
function configureNeon(config: NeonEndpoints): void {
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
export function createSql(config: Pick<AppConfig, "DATABASE_URL"> & NeonEndpoints): Sql {
  configureNeon(config);
  return neon(config.DATABASE_URL);
}

/** A WebSocket pool for interactive transactions; callers must `end()` it before the function returns. */
export function createPool(config: Pick<AppConfig, "DATABASE_URL"> & NeonEndpoints): Pool {
  configureNeon(config);
  return new Pool({ connectionString: config.DATABASE_URL, max: 2 });
}

/** Postgres could not be reached or refused to serve (not a statement error): the caller answers 503 and retries. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  constructor(options: { cause: unknown }) {
    super("the database cannot be reached", options);
  }
}

/**
 * SQLSTATE classes that mean the server, not the statement, failed: 08 connection, 53 resources, 57 operator
 * intervention (shutdown, admin termination). No SQLSTATE at all means the request never got an answer.
 */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ["08", "53", "57"].includes(code.slice(0, 2));
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error)) throw new DatabaseUnavailableError({ cause: error });
    throw error;
  }
}

/** The deployment's Postgres as a `Db`: one HTTP round trip per query or transaction. */
export function neonDb(sql: Sql): Db {
  return {
    query: <T extends Row>(text: string, params: unknown[] = []) =>
      guarded(async () => (await sql.query(text, params)) as T[]),
    transaction: (statements) =>
      guarded(async () => {
        if (statements.length === 0) return;
        await sql.transaction(statements.map((s) => sql.query(s.text, s.params)));
      }),
  };
}
