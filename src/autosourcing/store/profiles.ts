import type { Db } from "../../shared/index.ts";
import type { DiscoveryConfig, ScoringConfig } from "../profile-config.ts";

export type ProfileRow = {
  id: string;
  name: string;
  description: string | null;
  discovery: unknown;
  scoring: unknown;
  schedule_minutes: number;
  active: boolean;
  created_at: string;
  updated_at: string;
  last_run_at: string | null;
  last_status: string | null;
  last_job_id: string | null;
  run_count: number;
};

export type ProfileInput = {
  name: string;
  description?: string | null | undefined;
  discovery: DiscoveryConfig;
  scoring: ScoringConfig;
  scheduleMinutes: number;
  active: boolean;
};

const COLUMNS = `id::text, name, description, discovery, scoring, schedule_minutes::int, active, created_at, updated_at,
  last_run_at, last_status, last_job_id::text, run_count::int`;

export function listProfiles(db: Db, activeOnly: boolean): Promise<ProfileRow[]> {
  return db.query<ProfileRow>(
    `SELECT ${COLUMNS} FROM profiles WHERE ($1::boolean = false OR active) ORDER BY created_at, id`,
    [activeOnly],
  );
}

export async function getProfile(db: Db, id: string): Promise<ProfileRow | undefined> {
  return (await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE id = $1`, [id]))[0];
}

export async function createProfile(db: Db, input: ProfileInput): Promise<ProfileRow> {
  const rows = await db.query<ProfileRow>(
    `INSERT INTO profiles (name, description, discovery, scoring, schedule_minutes, active)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6) RETURNING ${COLUMNS}`,
    [
      input.name,
      input.description ?? null,
      JSON.stringify(input.discovery),
      JSON.stringify(input.scoring),
      input.scheduleMinutes,
      input.active,
    ],
  );
  return rows[0] as ProfileRow;
}

export async function updateProfile(db: Db, id: string, input: ProfileInput): Promise<ProfileRow | undefined> {
  const rows = await db.query<ProfileRow>(
    `UPDATE profiles SET name = $2, description = $3, discovery = $4::jsonb, scoring = $5::jsonb, schedule_minutes = $6,
       active = $7, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      input.name,
      input.description ?? null,
      JSON.stringify(input.discovery),
      JSON.stringify(input.scoring),
      input.scheduleMinutes,
      input.active,
    ],
  );
  return rows[0];
}

/** Deleting a profile deletes its jobs, picks and sightings (ON DELETE CASCADE): the API asks for it explicitly. */
export async function deleteProfile(db: Db, id: string): Promise<boolean> {
  return (await db.query(`DELETE FROM profiles WHERE id = $1 RETURNING id`, [id])).length > 0;
}
