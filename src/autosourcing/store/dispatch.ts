import type { Db } from "../db.ts";

/** Marks one pending job as handed to the worker (the same claim the scheduler makes), true if this call claimed it. */
export async function markDispatched(db: Db, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET dispatched_at = $2, dispatch_count = dispatch_count + 1 WHERE id = $1 AND status = 'pending' AND dispatched_at IS NULL RETURNING id`,
    [id, new Date(now).toISOString()],
  );
  return rows.length > 0;
}
