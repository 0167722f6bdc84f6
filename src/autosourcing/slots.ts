/**
 * Netlify may fire a tick a little before the hour; counting it into the coming slot keeps 11:59:59.5 from
 * landing in the 11:00 slot (which already ran) and skipping 12:00.
 */
export const SLOT_GRACE_SECONDS = 120;

/** Start of the schedule slot `nowMs` belongs to, for a profile run every `scheduleMinutes` (aligned on the epoch, UTC). */
export function slotStart(nowMs: number, scheduleMinutes: number): Date {
  const period = scheduleMinutes * 60_000;
  return new Date(Math.floor((nowMs + SLOT_GRACE_SECONDS * 1000) / period) * period);
}
