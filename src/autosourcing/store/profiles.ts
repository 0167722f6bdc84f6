import type { Db } from "../../shared/index.ts";
import { KEYSET_AT, pageOf } from "../cursor.ts";
import type { Keyset } from "../cursor.ts";
import type { DiscoveryConfig, ScoringConfig } from "../profile-config.ts";
import type { ProfileSchedule } from "../schedule-config.ts";

export type ProfileRow = {
  id: string;
  name: string;
  description: string | null;
  discovery: unknown;
  scoring: unknown;
  schedule_minutes: number;
  /** A schedule a person writes (recurrence.ts); when set it replaces schedule_minutes. */
  schedule: unknown;
  active: boolean;
  created_at: string;
  updated_at: string;
  last_run_at: string | null;
  last_status: string | null;
  last_job_id: string | null;
  run_count: number;
  /** The API key whose tokens the profile's jobs spend (null: saved in local mode, or before keys were recorded). */
  owner_key_id: string | null;
};

export type ProfileInput = {
  name: string;
  description?: string | null | undefined;
  discovery: DiscoveryConfig;
  scoring: ScoringConfig;
  scheduleMinutes: number;
  /** @default null (runs every scheduleMinutes) */
  schedule?: ProfileSchedule | null;
  active: boolean;
  /** The key saving it: its jobs spend on this key's behalf. @default null (local mode) */
  ownerKeyId?: string | null;
};

const COLUMNS = `id::text, name, description, discovery, scoring, schedule_minutes::int, schedule, active, created_at, updated_at,
  last_run_at, last_status, last_job_id::text, run_count::int, owner_key_id::text`;

export type ProfileFilter = { activeOnly: boolean; limit: number; after?: Keyset | undefined };

/** One page of profiles, oldest first (keyset on created_at, id). */
export async function listProfiles(
  db: Db,
  filter: ProfileFilter,
): Promise<{ rows: ProfileRow[]; nextCursor: string | null }> {
  const rows = await db.query<ProfileRow & { page_at: string }>(
    `SELECT ${COLUMNS}, ${KEYSET_AT} AS page_at FROM profiles
     WHERE ($1::boolean = false OR active)
       AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [filter.activeOnly, filter.after?.at ?? null, filter.after?.id ?? null, filter.limit + 1],
  );
  return pageOf(rows, filter.limit);
}

export async function getProfile(db: Db, id: string): Promise<ProfileRow | undefined> {
  return (await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE id = $1`, [id]))[0];
}

/** A profile's columns in the order both statements bind them ($1… for insert, $2… for update). */
const columnValues = (input: ProfileInput): unknown[] => [
  input.name,
  input.description ?? null,
  JSON.stringify(input.discovery),
  JSON.stringify(input.scoring),
  input.scheduleMinutes,
  input.active,
  input.ownerKeyId ?? null,
  input.schedule ? JSON.stringify(input.schedule) : null,
];

export async function createProfile(db: Db, input: ProfileInput): Promise<ProfileRow> {
  const rows = await db.query<ProfileRow>(
    `INSERT INTO profiles (name, description, discovery, scoring, schedule_minutes, active, owner_key_id, schedule)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7::uuid, $8::jsonb) RETURNING ${COLUMNS}`,
    columnValues(input),
  );
  return rows[0] as ProfileRow;
}

export async function updateProfile(db: Db, id: string, input: ProfileInput): Promise<ProfileRow | undefined> {
  const rows = await db.query<ProfileRow>(
    `UPDATE profiles SET name = $2, description = $3, discovery = $4::jsonb, scoring = $5::jsonb, schedule_minutes = $6,
       active = $7, owner_key_id = $8::uuid, schedule = $9::jsonb, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...columnValues(input)],
  );
  return rows[0];
}

/** Deleting a profile deletes its jobs, picks and sightings (ON DELETE CASCADE): the API asks for it explicitly. */
export async function deleteProfile(db: Db, id: string): Promise<boolean> {
  return (await db.query(`DELETE FROM profiles WHERE id = $1 RETURNING id`, [id])).length > 0;
}

/** The key a profile spends for, as its jobs need it: whether it may still spend, and its daily quota. */
export type ProfileOwner = { id: string; active: boolean; canSpend: boolean; dailyTokenQuota: number | null };

export async function getProfileOwner(db: Db, keyId: string): Promise<ProfileOwner | undefined> {
  const rows = await db.query<{ id: string; revoked: boolean; scopes: string[] | null; quota: number | null }>(
    `SELECT id::text, revoked_at IS NOT NULL AS revoked, scopes, daily_token_quota::int AS quota
     FROM api_keys WHERE id = $1::uuid`,
    [keyId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const canSpend = (row.scopes ?? []).includes("tokens:spend");
  return { id: row.id, active: !row.revoked, canSpend, dailyTokenQuota: row.quota };
}
