// Lazily generated csv histories. Each series is built backwards from the product's current value,
// so the last csv point always equals the catalogue summary that /query filters on.
import type { Catalogue } from "./catalogue.ts";
import { CSV, CSV_LENGTH, type Csv } from "./csv-types.ts";
import type { CatalogueEntry } from "./entry.ts";
import { MINUTES_PER_DAY } from "./keepa-time.ts";
import { fillMarketSeries } from "./market-history.ts";
import { intBetween, rngFor, type Rng } from "./random.ts";
import { changeTimes, gauss } from "./walk.ts";

export const HISTORY_DAYS = 365;

function flatten(times: number[], values: number[]): number[] {
  const out: number[] = [];
  times.forEach((t, i) => out.push(t, values[i] ?? -1));
  return out;
}

function priceSeries(rng: Rng, times: number[], current: number, base: number, oosProb: number): number[] {
  const values = new Array<number>(times.length);
  values[times.length - 1] = current;
  let x = 0;
  let outOfStock = 0;
  for (let i = times.length - 2; i >= 0; i--) {
    x = 0.85 * x + gauss(rng) * 0.07;
    if (outOfStock > 0 || rng() < oosProb) {
      outOfStock = outOfStock > 0 ? outOfStock - 1 : intBetween(rng, 0, 4);
      values[i] = -1;
      continue;
    }
    values[i] = Math.max(1, Math.round(base * Math.exp(x)));
  }
  return flatten(times, values);
}

function rankSeries(rng: Rng, times: number[], current: number): number[] {
  const values = new Array<number>(times.length);
  values[times.length - 1] = current;
  let x = 0;
  for (let i = times.length - 2; i >= 0; i--) {
    x = 0.9 * x + gauss(rng) * 0.3;
    values[i] = Math.max(1, Math.round(current * Math.exp(x)));
  }
  return flatten(times, values);
}

function countSeries(rng: Rng, times: number[], current: number): number[] {
  const values = new Array<number>(times.length);
  values[times.length - 1] = current;
  for (let i = times.length - 2; i >= 0; i--) values[i] = Math.max(0, (values[i + 1] ?? 0) + intBetween(rng, -2, 2));
  return flatten(times, values);
}

function reviewSeries(rng: Rng, times: number[], current: number): number[] {
  const values = new Array<number>(times.length);
  values[times.length - 1] = current;
  for (let i = times.length - 2; i >= 0; i--) values[i] = Math.floor((values[i + 1] ?? 0) * (0.9 + rng() * 0.09));
  return flatten(times, values);
}

export type History = { csv: Csv; salesRanks: Record<string, number[]> | null };

export function generateHistory(catalogue: Catalogue, entry: CatalogueEntry): History {
  const csv: Csv = new Array<number[] | null>(entry.csvStyle === "short" ? 34 : CSV_LENGTH).fill(null);
  if (entry.productType === 3 || entry.productType === 5) return { csv, salesRanks: null };
  const rng = rngFor(catalogue.seed, entry.asin, "csv");
  const start = Math.max(entry.trackingSince, catalogue.anchorMinute - HISTORY_DAYS * MINUTES_PER_DAY);
  const priceTimes = () => changeTimes(rng, start, entry.lastPriceChange, 360, 4_320);
  fillPrices(rng, csv, entry, priceTimes, start);
  if (entry.salesRank > 0)
    csv[CSV.SALES] = rankSeries(rng, changeTimes(rng, start, entry.lastUpdate, 180, 1_440), entry.salesRank);
  if (entry.productType === 0) fillCounts(rng, csv, entry, start);
  if (entry.productType === 0) fillMarketSeries(catalogue, entry, csv, start);
  return { csv, salesRanks: salesRanksFor(entry, csv[CSV.SALES] ?? null) };
}

function fillPrices(rng: Rng, csv: Csv, entry: CatalogueEntry, times: () => number[], start: number): void {
  if (entry.csvStyle === "allPricesMissing") {
    for (const slot of [CSV.AMAZON, CSV.NEW, CSV.USED]) csv[slot] = [start, -1, entry.lastPriceChange, -1];
    return;
  }
  const base = entry.newPrice > 0 ? entry.newPrice : entry.amazon > 0 ? entry.amazon : 1_999;
  if (entry.amazon > 0) csv[CSV.AMAZON] = priceSeries(rng, times(), entry.amazon, entry.amazon, 0.01);
  else if (rng() < 0.3) csv[CSV.AMAZON] = priceSeries(rng, times(), -1, base, 0.2);
  if (entry.productType === 2) return;
  const newSeries = priceSeries(rng, times(), entry.newPrice, base, 0.02);
  csv[CSV.NEW] = newSeries;
  if (entry.used > 0 || rng() < 0.5)
    csv[CSV.USED] = priceSeries(rng, times(), entry.used, entry.used > 0 ? entry.used : base / 2, 0.03);
  if (entry.listPrice > 0) csv[CSV.LISTPRICE] = [start, entry.listPrice];
  if (entry.newFba > 0) csv[CSV.NEW_FBA] = priceSeries(rng, times(), entry.newFba, entry.newFba, 0.05);
  csv[CSV.BUY_BOX_SHIPPING] = buyBoxFrom(newSeries, entry.amazon);
}

/** Buy box follows the lowest new price (or Amazon's, when lower) with free shipping. */
function buyBoxFrom(newSeries: number[], amazon: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < newSeries.length; i += 2) {
    const price = newSeries[i + 1] ?? -1;
    const landed = amazon > 0 && (price < 0 || amazon < price) ? amazon : price;
    out.push(newSeries[i] ?? 0, landed, landed < 0 ? -1 : 0);
  }
  return out;
}

function fillCounts(rng: Rng, csv: Csv, entry: CatalogueEntry, start: number): void {
  const countTimes = () => changeTimes(rng, start, entry.lastUpdate, 1_440, 7_200);
  csv[CSV.COUNT_NEW] = countSeries(rng, countTimes(), entry.countNew);
  csv[CSV.COUNT_USED] = countSeries(rng, countTimes(), entry.countUsed);
  if (entry.rating > 0) {
    const ratingTimes = changeTimes(rng, start, entry.lastRatingUpdate, 20 * MINUTES_PER_DAY, 60 * MINUTES_PER_DAY);
    csv[CSV.RATING] = flatten(
      ratingTimes,
      ratingTimes.map((_, i) =>
        i === ratingTimes.length - 1 ? entry.rating : Math.min(50, Math.max(10, entry.rating + intBetween(rng, -2, 2))),
      ),
    );
    csv[CSV.COUNT_REVIEWS] = reviewSeries(rng, ratingTimes, entry.reviews);
  }
  if (csv.length > CSV.COUNT_NEW_FBM) {
    csv[CSV.COUNT_NEW_FBA] = countSeries(rng, countTimes(), entry.countNewFba);
    csv[CSV.COUNT_NEW_FBM] = countSeries(rng, countTimes(), entry.countNew - entry.countNewFba);
  }
}

function salesRanksFor(entry: CatalogueEntry, sales: number[] | null): Record<string, number[]> | null {
  if (!sales) return null;
  const ranks: Record<string, number[]> = { [String(entry.rootCategory)]: sales };
  if (entry.subRank > 0) {
    const ratio = entry.subRank / entry.salesRank;
    ranks[String(entry.leafCategory)] = sales.map((v, i) => (i % 2 === 0 ? v : Math.max(1, Math.round(v * ratio))));
  }
  return ranks;
}
