import { CSV, lastCsvPoint } from "../csv.ts";
import type { KeepaProduct } from "../schemas/product.ts";
import type { NormalizedBsr } from "./types.ts";

/** A csv rank point older than this is not "current" (the last point is the last change, not the last check). */
export const CSV_RANK_MAX_AGE_MS = 24 * 60 * 60 * 1000;

type RankPoint = { time: number; rank: number };

function lastRank(series: readonly number[] | null | undefined): RankPoint | null {
  if (!series || series.length < 2) return null;
  const end = series.length - (series.length % 2);
  const time = series[end - 2] as number;
  const rank = series[end - 1] as number;
  return rank >= 0 ? { time, rank } : null;
}

function fromReference(product: KeepaProduct): NormalizedBsr | null {
  const reference = product.salesRankReference;
  if (reference === null || reference === undefined || reference < 0) return null;
  const point = lastRank(product.salesRanks?.[String(reference)]);
  return point ? { rank: point.rank, source: "salesRanks.reference", categoryId: reference } : null;
}

/** Any other ranked category: the root category first, then the most recently changed entry. */
function fromAnyCategory(product: KeepaProduct): NormalizedBsr | null {
  let best: (RankPoint & { categoryId: number }) | null = null;
  for (const [key, series] of Object.entries(product.salesRanks ?? {})) {
    const point = lastRank(series);
    if (!point) continue;
    const categoryId = Number(key);
    if (categoryId === product.rootCategory) return { rank: point.rank, source: "salesRanks.other", categoryId };
    if (!best || point.time > best.time) best = { ...point, categoryId };
  }
  return best ? { rank: best.rank, source: "salesRanks.other", categoryId: best.categoryId } : null;
}

function statValue(values: readonly number[] | null | undefined): number | null {
  const value = values?.[CSV.SALES];
  return value !== undefined && value >= 0 ? value : null;
}

/**
 * Sales rank by the fallback order salesRanks[salesRankReference] → any salesRanks entry → stats.current[SALES]
 * → last csv[SALES] point if < 24 h old → stats.avg30[SALES]; null when none has a rank.
 */
export function extractBsr(product: KeepaProduct, now: number): NormalizedBsr | null {
  const ranked = fromReference(product) ?? fromAnyCategory(product);
  if (ranked) return ranked;
  const current = statValue(product.stats?.current);
  if (current !== null) return { rank: current, source: "stats.current", categoryId: null };
  const point = lastCsvPoint(product.csv, CSV.SALES);
  if (point && point.value >= 0 && now - point.time < CSV_RANK_MAX_AGE_MS) {
    return { rank: point.value, source: "csv.recent", categoryId: null };
  }
  const average = statValue(product.stats?.avg30);
  return average === null ? null : { rank: average, source: "stats.avg30", categoryId: null };
}
