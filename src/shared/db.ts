import type * as NeonModule from "@neondatabase/serverless";
import type { NeonQueryFunction, NeonQueryPromise, Pool } from "@neondatabase/serverless";
import type { AppConfig } from "./config.ts";

export type Row = Record<string, unknown>;
export type Statement = { text: string; params: unknown[] };

type Neon = typeof NeonModule;
type NeonSql = NeonQueryFunction<false, false>;
type NeonQuery = NeonQueryPromise<false, false, Row[]>;

/**
 * One statement, sent when first awaited (like the driver's own query objects, so a transaction can still take it),
 * once the driver is loaded.
 */
export class LazyQuery implements Promise<Row[]> {
  readonly [Symbol.toStringTag] = "Promise";
  private running: Promise<Row[]> | undefined;

  constructor(
    private readonly load: () => Promise<NeonSql>,
    /** The driver's query for this statement. */
    readonly build: (sql: NeonSql) => NeonQuery,
  ) {}

  private run(): Promise<Row[]> {
    return (this.running ??= this.load().then((sql) => this.build(sql) as unknown as Promise<Row[]>));
  }

  then<A = Row[], B = never>(
    onFulfilled?: ((rows: Row[]) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Row[] | B> {
    return this.run().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Row[]> {
    return this.run().finally(onFinally);
  }
}

/** Neon over HTTP: tagged-template or parameterised statements, and non-interactive transactions of them. */
export type Sql = {
  (strings: TemplateStringsArray, ...values: unknown[]): LazyQuery;
  query(text: string, params?: unknown[]): LazyQuery;
  transaction(queries: readonly LazyQuery[]): Promise<Row[][]>;
};

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
 * The driver (and `ws`: Node 20 has no global WebSocket), loaded on the first statement rather than at cold start:
 * a function that never reaches Postgres (liveness, a cached key) never pays for it, and bundles keep both
 * external (netlify.toml `external_node_modules`). Points the driver at the local stand-ins when their endpoints are
 * configured (dev and tests); in production both are unset and the driver talks to Neon. The driver keeps this
 * setting globally, so it is applied once per distinct pair.
 */
async function loadNeon(config: NeonEndpoints): Promise<Neon> {
  const [driver, ws] = await Promise.all([import("@neondatabase/serverless"), import("ws")]);
  const signature = `${config.NEON_LOCAL_HTTP_ENDPOINT ?? ""}|${config.NEON_LOCAL_WS_PROXY ?? ""}`;
  if (configuredFor === signature) return driver;
  const { neonConfig } = driver;
  neonConfig.webSocketConstructor = ws.default;
  if (config.NEON_LOCAL_HTTP_ENDPOINT) neonConfig.fetchEndpoint = config.NEON_LOCAL_HTTP_ENDPOINT;
  const proxy = config.NEON_LOCAL_WS_PROXY;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  configuredFor = signature;
  return driver;
}

/** One-shot HTTP queries (`neon()`): the right tool for a function's few statements. No I/O until the first one. */
export function createSql(config: Pick<AppConfig, "DATABASE_URL"> & NeonEndpoints): Sql {
  let loaded: Promise<NeonSql> | undefined;
  const load = () => (loaded ??= loadNeon(config).then((driver) => driver.neon(config.DATABASE_URL)));
  const tag = (strings: TemplateStringsArray, ...values: unknown[]) =>
    new LazyQuery(load, (sql) => sql(strings, ...values));
  return Object.assign(tag, {
    query: (text: string, params: unknown[] = []) => new LazyQuery(load, (sql) => sql.query(text, params)),
    transaction: async (queries: readonly LazyQuery[]) => {
      const sql = await load();
      return (await sql.transaction(queries.map((q) => q.build(sql)))) as Row[][];
    },
  });
}

/** A WebSocket pool for interactive transactions; callers must `end()` it before the function returns. */
export async function createPool(config: Pick<AppConfig, "DATABASE_URL"> & NeonEndpoints): Promise<Pool> {
  const { Pool: NeonPool } = await loadNeon(config);
  return new NeonPool({ connectionString: config.DATABASE_URL, max: 2 });
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
