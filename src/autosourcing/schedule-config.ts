// The shape of a schedule a person writes (docs/autosourcing.md#schedules). Validation only, on the platform's
// Intl zone data, with no luxon import: the recurrence (recurrence.ts) is what needs luxon.
import { z } from "zod";

/** An IANA zone the runtime knows (the same check luxon's IANAZone.isValidZone makes). */
function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** 2026-02-30 matches the pattern but is no date: it does not survive a round trip. */
function isCalendarDate(date: string): boolean {
  const at = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(date);
}

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const profileSchedule = z.lazy(() =>
  z.strictObject({
    /** IANA zone, e.g. America/Toronto. */
    timezone: z.string().max(64).refine(isZone, { message: "unknown IANA time zone" }),
    /** Local times of day, HH:MM (00:00–23:59), 1–24 of them. */
    times: z
      .array(z.string().regex(HH_MM, { message: "a time is HH:MM, 00:00–23:59" }))
      .min(1)
      .max(24)
      .refine((times) => new Set(times).size === times.length, { message: "times must not repeat" }),
    /** @default every day */
    weekdays: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .max(7)
      .default([...WEEKDAYS]),
    /** No run before this instant. */
    pauseUntil: z.iso.datetime({ offset: true }).optional(),
    /** Local dates (YYYY-MM-DD) with no run. */
    skipDates: z
      .array(
        z
          .string()
          .regex(LOCAL_DATE, { message: "a date is YYYY-MM-DD" })
          .refine(isCalendarDate, { message: "not a calendar date" }),
      )
      .max(366)
      .default([]),
  }),
);
export type ProfileSchedule = z.infer<typeof profileSchedule>;
