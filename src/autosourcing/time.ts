/** Epoch ms as the ISO-8601 text Postgres parameters take: the caller's clock, never the database's. */
export const iso = (ms: number): string => new Date(ms).toISOString();
