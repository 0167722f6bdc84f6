import pg from "pg";
import type { Row, SqlQuery } from "../src/shared/index.ts";

/**
 * Runs `fn` with a `SqlQuery` over one `pg` connection (CLI and dev tooling; functions use the Neon driver).
 * `pg` is a dev dependency: never import this from a function.
 */
export async function withPgQuery<T>(databaseUrl: string, fn: (query: SqlQuery) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(async (text, params) => (await client.query<Row>(text, params)).rows);
  } finally {
    await client.end();
  }
}
