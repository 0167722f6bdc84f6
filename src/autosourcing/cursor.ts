/**
 * Keyset cursors for the lists ordered by (created_at, id): opaque to callers (base64url of `[at, id]`), and exact
 * where a JS Date would not be: `at` is created_at to the microsecond, as Postgres keeps it.
 */
export type Keyset = { at: string; id: string };

/** created_at as UTC text to the microsecond, for a cursor (a Date would round it to the millisecond). */
export const KEYSET_AT = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const encodeKeyset = (key: Keyset): string =>
  Buffer.from(JSON.stringify([key.at, key.id]), "utf8").toString("base64url");

/** undefined for a cursor this API did not hand out. */
export function decodeKeyset(raw: string): Keyset | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    if (typeof at !== "string" || Number.isNaN(Date.parse(at))) return undefined;
    if (typeof id !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      return undefined;
    return { at, id };
  } catch {
    return undefined;
  }
}

/** One page from `limit + 1` rows: the rows shown, and the cursor after the last when there are more. */
export function pageOf<R extends { id: string; page_at: string }>(
  rows: readonly R[],
  limit: number,
): { rows: R[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    rows: shown,
    nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.page_at, id: last.id }) : null,
  };
}
