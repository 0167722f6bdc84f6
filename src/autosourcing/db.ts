import { getSql } from "../shared/db.ts";

export type Row = Record<string, unknown>;
export type Statement = { text: string; params: unknown[] };

/** The SQL this feature needs: one-shot queries and non-interactive transactions (Neon over HTTP). */
export type Db = {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** All statements commit together or not at all. */
  transaction(statements: readonly Statement[]): Promise<void>;
};

/** The deployment's Postgres through `neon()`: one HTTP round trip per query or transaction. */
export function neonDb(): Db {
  const sql = getSql();
  return {
    query: async <T extends Row>(text: string, params: unknown[] = []) => (await sql.query(text, params)) as T[],
    transaction: async (statements) => {
      if (statements.length === 0) return;
      await sql.transaction(statements.map((s) => sql.query(s.text, s.params)));
    },
  };
}
