import { UNKNOWN, lastCsvPoint, valueOrNull } from "../csv.ts";
import type { CsvIndex } from "../csv.ts";
import type { KeepaProduct } from "../schemas/product.ts";

export type CurrentValue = { value: number | null; known: boolean };

/**
 * Current value of a csv type: `stats.current[index]` when it answers (−1 = none → null), else the last csv point.
 * `known` is false when neither source says anything (no stats slot, −2, and no csv series).
 */
export function currentValue(product: KeepaProduct, index: CsvIndex): CurrentValue {
  const stat = product.stats?.current?.[index];
  if (stat !== undefined && stat !== UNKNOWN) return { value: valueOrNull(stat), known: true };
  const point = lastCsvPoint(product.csv, index);
  if (point) return { value: valueOrNull(point.value), known: true };
  return { value: null, known: false };
}

/** `stats.<field>[index]` with sentinels → null. */
export function statAt(values: readonly number[] | null | undefined, index: CsvIndex): number | null {
  return valueOrNull(values?.[index]);
}

/** Keepa's "0 or −1 = n/a" physical fields → null. */
export function positiveOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && value > 0 ? value : null;
}
