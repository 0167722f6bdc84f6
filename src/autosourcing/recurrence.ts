// Schedules a person writes (docs/autosourcing.md#schedules): local times on chosen weekdays in an IANA time zone,
// with a pause and skip dates. Time-zone math is luxon's; only the scheduler and the profile views import this (the
// schema, schedule-config.ts, does not, so bundles that only validate or never schedule stay without luxon).
import { DateTime } from "luxon";
import { WEEKDAYS } from "./schedule-config.ts";
import type { ProfileSchedule, Weekday } from "./schedule-config.ts";
import { profileSchedule } from "./schedule-config.ts";

/**
 * The instant of one local time on one local date. A time that does not exist (skipped by a spring-forward change)
 * is moved forward by the gap (02:30 → 03:30 on 2027-03-14 in Toronto); a time that exists twice (fall back) is
 * its first occurrence, in daylight time, so it runs once.
 */
function instantOf(day: DateTime, time: string): number {
  const [hour, minute] = time.split(":").map(Number);
  const local = day.set({ hour, minute, second: 0, millisecond: 0 });
  return Math.min(...local.getPossibleOffsets().map((d) => d.toMillis()), local.toMillis());
}

/** The run instants of one local date, ascending, none twice (two times may land on one shifted instant). */
function runsOn(schedule: ProfileSchedule, day: DateTime): number[] {
  const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
  if (!schedule.weekdays.includes(weekday) || schedule.skipDates.includes(day.toISODate() ?? "")) return [];
  const paused = schedule.pauseUntil ? Date.parse(schedule.pauseUntil) : -Infinity;
  const runs = new Set(schedule.times.map((t) => instantOf(day, t)).filter((at) => at >= paused));
  return [...runs].sort((a, b) => a - b);
}

const startOfLocalDay = (schedule: ProfileSchedule, at: number) =>
  DateTime.fromMillis(at, { zone: schedule.timezone }).startOf("day");

/** The latest run instant ≤ at (looking back 8 local days), or null. */
export function lastRunAtOrBefore(schedule: ProfileSchedule, at: number): number | null {
  let day = startOfLocalDay(schedule, at).plus({ days: 1 });
  for (let i = 0; i < 9; i += 1, day = day.minus({ days: 1 })) {
    const last = runsOn(schedule, day)
      .filter((r) => r <= at)
      .at(-1);
    if (last !== undefined) return last;
  }
  return null;
}

/** The next `count` run instants strictly after `after` (looking ahead at most 400 local days). */
export function nextRunsAfter(schedule: ProfileSchedule, after: number, count = 5): number[] {
  const out: number[] = [];
  let day = startOfLocalDay(schedule, after).minus({ days: 1 });
  for (let i = 0; i < 402 && out.length < count; i += 1, day = day.plus({ days: 1 })) {
    for (const run of runsOn(schedule, day)) if (run > after && out.length < count) out.push(run);
  }
  return out;
}

/** A run as the API shows it: the UTC instant and the local wall time with its offset. */
export function runView(schedule: ProfileSchedule, at: number): { at: string; local: string; weekday: Weekday } {
  const local = DateTime.fromMillis(at, { zone: schedule.timezone });
  const weekday = WEEKDAYS[local.weekday - 1] as Weekday;
  return { at: new Date(at).toISOString(), local: local.toISO({ suppressMilliseconds: true }) ?? "", weekday };
}

/** A stored schedule (jsonb) with today's defaults, or null when the profile has none or it no longer parses. */
export function readSchedule(value: unknown): ProfileSchedule | null {
  if (value === null || value === undefined) return null;
  const parsed = profileSchedule.safeParse(value);
  return parsed.success ? parsed.data : null;
}
