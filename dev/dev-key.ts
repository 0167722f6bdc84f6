import { withPgQuery } from "./pg-query.ts";
import { API_SCOPES, createApiKey, revokeApiKey } from "../src/app/index.ts";

export const DEV_KEY_NAME = "npm run dev";

/**
 * A fresh full-scope key for this `npm run dev` session, stored hashed like any other; the previous session's dev keys
 * are revoked, so they do not pile up. Unlike LOCAL_API_KEY it also works when dev runs against the real Keepa.
 * Raw keys cannot be read back, hence a new one per run.
 */
export async function ensureDevKey(databaseUrl: string): Promise<string> {
  return withPgQuery(databaseUrl, async (query) => {
    const stale = await query("SELECT id FROM api_keys WHERE name = $1 AND revoked_at IS NULL", [DEV_KEY_NAME]);
    for (const row of stale) await revokeApiKey(query, String(row.id));
    const { key } = await createApiKey(query, { name: DEV_KEY_NAME, scopes: API_SCOPES });
    return key;
  });
}
