import type { SqlQuery } from "../../shared/index.ts";
import { generateApiKey, hashApiKey, keyPrefix } from "./key-format.ts";
import type { ApiIdentity } from "./types.ts";

export type ApiKeyRow = {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  dailyTokenQuota: number | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export type NewApiKey = { name: string; scopes: readonly string[]; dailyTokenQuota?: number | null };

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

function identityOf(row: Record<string, unknown>): ApiIdentity {
  const quota = row.daily_token_quota;
  return {
    apiKeyId: String(row.id),
    name: String(row.name),
    scopes: (row.scopes as string[] | null) ?? [],
    dailyTokenQuota: quota === null || quota === undefined ? null : Number(quota),
  };
}

function rowOf(row: Record<string, unknown>): ApiKeyRow {
  const identity = identityOf(row);
  return {
    id: identity.apiKeyId,
    name: identity.name,
    keyPrefix: String(row.key_prefix),
    scopes: identity.scopes,
    dailyTokenQuota: identity.dailyTokenQuota,
    createdAt: iso(row.created_at) ?? "",
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

/** Stores only the hash; the raw key is returned once and exists nowhere else. */
export async function createApiKey(query: SqlQuery, input: NewApiKey): Promise<{ key: string; row: ApiKeyRow }> {
  const key = generateApiKey();
  const rows = await query(
    `INSERT INTO api_keys (name, key_hash, key_prefix, scopes, daily_token_quota)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [input.name, hashApiKey(key), keyPrefix(key), [...input.scopes], input.dailyTokenQuota ?? null],
  );
  return { key, row: rowOf(rows[0] ?? {}) };
}

export async function listApiKeys(query: SqlQuery): Promise<ApiKeyRow[]> {
  const rows = await query("SELECT * FROM api_keys ORDER BY created_at, id", []);
  return rows.map(rowOf);
}

/**
 * Revokes by id or by display prefix; an ambiguous prefix revokes nothing. Returns the revoked keys' hashes too, so
 * the caller can evict them from the lookup cache.
 */
export async function revokeApiKey(
  query: SqlQuery,
  idOrPrefix: string,
): Promise<{ revoked: ApiKeyRow[]; hashes: string[]; ambiguous: boolean }> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPrefix);
  const matches = await query(
    `SELECT id FROM api_keys WHERE revoked_at IS NULL AND ${isUuid ? "id = $1::uuid" : "key_prefix = $1"}`,
    [idOrPrefix],
  );
  if (matches.length > 1) return { revoked: [], hashes: [], ambiguous: true };
  if (matches.length === 0) return { revoked: [], hashes: [], ambiguous: false };
  const rows = await query("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING *", [
    matches[0]?.id,
  ]);
  return { revoked: rows.map(rowOf), hashes: rows.map((row) => String(row.key_hash)), ambiguous: false };
}

/**
 * The active key with this hash, or undefined. Touches `last_used_at` in the same round trip, at most once a minute
 * per key, so usage tracking never costs a second statement.
 */
export async function findActiveKey(query: SqlQuery, keyHash: string): Promise<ApiIdentity | undefined> {
  const rows = await query(
    `WITH hit AS (SELECT id, name, scopes, daily_token_quota, last_used_at FROM api_keys
                  WHERE key_hash = $1 AND revoked_at IS NULL),
     touched AS (UPDATE api_keys SET last_used_at = now() FROM hit
                 WHERE api_keys.id = hit.id
                   AND (hit.last_used_at IS NULL OR hit.last_used_at < now() - interval '1 minute'))
     SELECT id, name, scopes, daily_token_quota FROM hit`,
    [keyHash],
  );
  return rows[0] ? identityOf(rows[0]) : undefined;
}
