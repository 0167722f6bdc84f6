import type { Db } from "../../shared/index.ts";
import { DEFAULT_SCORING_CONFIG, resolveScoringConfig } from "./config.ts";
import type { ScoringConfig, ScoringConfigOverrides } from "./config.ts";

// The contract (src/app/contract) describes GET /api/v1/config's `config` with the very schema that validates it.
export { scoringConfigSchema, strategySchema } from "./config-schema.ts";

/** The scoring settings in force: version 0 is the defaults (no row yet) (docs/scoring.md#configuration). */
export type ScoringSettings = { version: number; overrides: ScoringConfigOverrides; config: ScoringConfig };

/** One change in the audit log, newest first in listings. */
export type ScoringChange = {
  version: number;
  overrides: ScoringConfigOverrides;
  createdAt: string;
  createdByKeyId: string | null;
  note: string | null;
};

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = { version: 0, overrides: {}, config: DEFAULT_SCORING_CONFIG };

// A version never changes once written, so its resolved config is kept per instance (a parse per version, not per read).
const resolved = new Map<number, ScoringConfig>();

type SettingsRow = {
  version: number;
  overrides: ScoringConfigOverrides;
  created_at: Date | string;
  created_by_key_id: string | null;
  note: string | null;
};

/** The current settings, read fresh (one indexed row): a PUT is seen by the next request and the next job. */
export async function currentScoringSettings(db: Db): Promise<ScoringSettings> {
  const [row] = await db.query<SettingsRow>(
    "SELECT version, overrides FROM scoring_settings ORDER BY version DESC LIMIT 1",
  );
  if (row === undefined) return DEFAULT_SCORING_SETTINGS;
  let config = resolved.get(row.version);
  if (config === undefined) {
    config = resolveScoringConfig(row.overrides);
    resolved.set(row.version, config);
  }
  return { version: row.version, overrides: row.overrides, config };
}

/**
 * Appends version `previous + 1`; false when another writer took that version first (the primary key refuses it).
 * The overrides must already have passed resolveScoringConfig.
 */
export async function appendScoringSettings(
  db: Db,
  change: { previous: number; overrides: ScoringConfigOverrides; keyId: string | null; note: string | null },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO scoring_settings (version, overrides, created_by_key_id, note) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (version) DO NOTHING RETURNING version`,
    [change.previous + 1, JSON.stringify(change.overrides), change.keyId, change.note],
  );
  return rows.length === 1;
}

/** The audit log, newest first: `before` is the version to continue below (a cursor). */
export async function listScoringChanges(
  db: Db,
  page: { limit: number; before?: number | undefined },
): Promise<{ items: ScoringChange[]; limit: number; nextCursor: string | null }> {
  const rows = await db.query<SettingsRow>(
    `SELECT version, overrides, created_at, created_by_key_id, note FROM scoring_settings
     WHERE version < $1 ORDER BY version DESC LIMIT $2`,
    [page.before ?? 2_147_483_647, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map((row) => ({
    version: row.version,
    overrides: row.overrides,
    createdAt: new Date(row.created_at).toISOString(),
    createdByKeyId: row.created_by_key_id,
    note: row.note,
  }));
  const last = items.at(-1);
  return { items, limit: page.limit, nextCursor: rows.length > page.limit && last ? `v${last.version}` : null };
}
