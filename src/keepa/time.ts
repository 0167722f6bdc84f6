/**
 * Keepa time: whole minutes since 2011-01-01T00:00:00Z (`J:helper/KeepaTime.java`).
 * Product timestamps (`lastUpdate`, csv times, …) use it; the envelope `timestamp` is Unix ms.
 */

/** Unix minutes at the Keepa epoch (2011-01-01T00:00Z). */
export const KEEPA_EPOCH_OFFSET_MINUTES = 21_564_000;

const MS_PER_MINUTE = 60_000;

/** Keepa minutes → Unix epoch milliseconds. `411180 → 1318510800000`. */
export function keepaMinutesToMs(minutes: number): number {
  return (minutes + KEEPA_EPOCH_OFFSET_MINUTES) * MS_PER_MINUTE;
}

/** Keepa minutes → Date. `7777548 → 2025-10-15T01:48:00Z`. */
export function keepaMinutesToDate(minutes: number): Date {
  return new Date(keepaMinutesToMs(minutes));
}

/** Unix epoch ms (or a Date) → Keepa minutes, floored like Java's `KeepaTime.nowMinutes`. */
export function toKeepaMinutes(time: number | Date): number {
  const ms = typeof time === "number" ? time : time.getTime();
  return Math.floor(ms / MS_PER_MINUTE) - KEEPA_EPOCH_OFFSET_MINUTES;
}

/**
 * A product timestamp as epoch ms, or null when Keepa uses 0 / −1 for "never" / "unknown".
 * Why: `listedSince: 0` and `lastRatingUpdate: -1` both appear in real responses.
 */
export function keepaTimestampMs(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) return null;
  return keepaMinutesToMs(minutes);
}
