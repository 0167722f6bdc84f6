// Time-weighted window maths over one csv series (Java ProductAnalyzer semantics: negative values
// mean "no offer" and are skipped by averages but counted as out-of-stock time).
import { isShippingType } from "./csv-types.ts";

export type Point = { t: number; v: number };

export function pointsOf(series: number[], index: number): Point[] {
  const stride = isShippingType(index) ? 3 : 2;
  const points: Point[] = [];
  for (let i = 0; i + stride - 1 < series.length; i += stride) {
    const t = series[i] ?? 0;
    const price = series[i + 1] ?? -1;
    // Landed price for triples: never add shipping to a −1 sentinel (docs/keepa.md#csv-and-stats).
    const v = stride === 3 && price >= 0 ? price + Math.max(series[i + 2] ?? 0, 0) : price;
    points.push({ t, v });
  }
  return points;
}

export type WindowStats = {
  avg: number;
  oosPercent: number;
  atStart: number;
  min: [number, number];
  max: [number, number];
};

/** Stats of the step function defined by `points` over [from, to]. */
export function windowStats(points: Point[], from: number, to: number): WindowStats {
  let weighted = 0;
  let validSpan = 0;
  let oosSpan = 0;
  let atStart = -1;
  let min: [number, number] = [-1, -1];
  let max: [number, number] = [-1, -1];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const segEnd = Math.min(points[i + 1]?.t ?? to, to);
    const segStart = Math.max(p.t, from);
    if (p.t <= from) atStart = p.v;
    if (segEnd <= segStart && !(p.t >= from && p.t <= to)) continue;
    const span = Math.max(0, segEnd - segStart);
    if (p.v < 0) {
      oosSpan += span;
      continue;
    }
    weighted += p.v * span;
    validSpan += span;
    if (min[1] < 0 || p.v < min[1]) min = [p.t, p.v];
    if (max[1] < 0 || p.v > max[1]) max = [p.t, p.v];
  }
  const covered = validSpan + oosSpan;
  return {
    avg: validSpan > 0 ? Math.round(weighted / validSpan) : -1,
    oosPercent: covered > 0 ? Math.round((oosSpan / covered) * 100) : -1,
    atStart,
    min,
    max,
  };
}

export function extremes(points: Point[]): { min: [number, number] | null; max: [number, number] | null } {
  let min: [number, number] | null = null;
  let max: [number, number] | null = null;
  for (const p of points) {
    if (p.v < 0) continue;
    if (!min || p.v < min[1]) min = [p.t, p.v];
    if (!max || p.v > max[1]) max = [p.t, p.v];
  }
  return { min, max };
}

/** A drop in sales rank (a smaller number) is Keepa's proxy for a sale. */
export function rankDrops(points: Point[], from: number): number {
  let drops = 0;
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!;
    const cur = points[i]!;
    if (cur.t >= from && cur.v > 0 && prev.v > 0 && cur.v < prev.v) drops++;
  }
  return drops;
}

export function stockOuts(points: Point[], from: number): number {
  let count = 0;
  for (let i = 1; i < points.length; i++) {
    const cur = points[i]!;
    if (cur.t >= from && cur.v < 0 && points[i - 1]!.v >= 0) count++;
  }
  return count;
}
