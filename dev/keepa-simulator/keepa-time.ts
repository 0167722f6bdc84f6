// Keepa timestamps are minutes since 2011-01-01T00:00Z (Java KeepaTime).
export const KEEPA_EPOCH_OFFSET_MINUTES = 21_564_000;

export function toKeepaMinutes(unixMs: number): number {
  return Math.floor(unixMs / 60_000) - KEEPA_EPOCH_OFFSET_MINUTES;
}

export function fromKeepaMinutes(keepaMinutes: number): number {
  return (keepaMinutes + KEEPA_EPOCH_OFFSET_MINUTES) * 60_000;
}

export const MINUTES_PER_DAY = 1440;
