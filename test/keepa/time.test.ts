import { describe, expect, it } from "vitest";
import {
  KEEPA_EPOCH_OFFSET_MINUTES,
  keepaMinutesToDate,
  keepaMinutesToMs,
  keepaTimestampMs,
  toKeepaMinutes,
} from "../../src/keepa/time.ts";

describe("Keepa time", () => {
  it("uses the 2011-01-01 UTC epoch", () => {
    expect(KEEPA_EPOCH_OFFSET_MINUTES).toBe(21_564_000);
    expect(keepaMinutesToDate(0).toISOString()).toBe("2011-01-01T00:00:00.000Z");
  });

  it("matches Keepa support's example 7777548 → 2025-10-15T01:48Z", () => {
    expect(keepaMinutesToDate(7_777_548).toISOString()).toBe("2025-10-15T01:48:00.000Z");
    expect(keepaMinutesToMs(7_777_548)).toBe(1_760_492_880_000);
  });

  it("matches the Java client's own check 411180 → 1318510800000", () => {
    expect(keepaMinutesToMs(411_180)).toBe(1_318_510_800_000);
  });

  it("converts back, flooring to the minute", () => {
    expect(toKeepaMinutes(1_318_510_800_000)).toBe(411_180);
    expect(toKeepaMinutes(1_318_510_800_000 + 59_999)).toBe(411_180);
    expect(toKeepaMinutes(new Date("2025-10-15T01:48:30Z"))).toBe(7_777_548);
  });

  it("maps Keepa's 0 / −1 'never' timestamps to null", () => {
    expect(keepaTimestampMs(0)).toBeNull();
    expect(keepaTimestampMs(-1)).toBeNull();
    expect(keepaTimestampMs(null)).toBeNull();
    expect(keepaTimestampMs(undefined)).toBeNull();
    expect(keepaTimestampMs(7_776_156)).toBe(Date.UTC(2025, 9, 14, 2, 36));
  });
});
