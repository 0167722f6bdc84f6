// The offer-derived csv series: 7 NEW_FBM_SHIPPING, 19–22 USED_*_SHIPPING and 32 BUY_BOX_USED_SHIPPING. Keepa
// refreshes them only when someone fetches offers, so they end at lastOffersUpdate on the market's current values,
// and an untracked market has no 7/19–22 at all. Each series draws from its own stream, so csv 0–18 keep their bytes.
import type { Catalogue } from "./catalogue.ts";
import { CSV, USED_CONDITION_CSV, type Csv } from "./csv-types.ts";
import type { CatalogueEntry } from "./entry.ts";
import { CONDITION_FACTOR, FBM_SHIPPING, marketOf, USED_CONDITIONS, type ConditionTruth } from "./market.ts";
import { intBetween, rngFor, type Rng } from "./random.ts";
import { changeTimes, gauss } from "./walk.ts";

type Current = { price: number; shipping: number } | null;

/** `[t, price, shipping]` triples walked backwards from `current`; −1 points carry −1 shipping (no offer). */
function tripleSeries(rng: Rng, times: number[], current: Current, base: number, shipping: number): number[] {
  const values = new Array<[number, number]>(times.length);
  values[times.length - 1] = current ? [current.price, current.shipping] : [-1, -1];
  let x = 0;
  let outOfStock = 0;
  for (let i = times.length - 2; i >= 0; i--) {
    x = 0.85 * x + gauss(rng) * 0.07;
    if (outOfStock > 0 || rng() < 0.05) {
      outOfStock = outOfStock > 0 ? outOfStock - 1 : intBetween(rng, 0, 3);
      values[i] = [-1, -1];
      continue;
    }
    values[i] = [Math.max(1, Math.round(base * Math.exp(x))), shipping];
  }
  const out: number[] = [];
  times.forEach((t, i) => out.push(t, values[i]![0], values[i]![1]));
  return out;
}

const currentOf = (truth: ConditionTruth): Current =>
  truth.count > 0 ? { price: truth.lowestItem, shipping: truth.lowestShipping } : null;

export function fillMarketSeries(catalogue: Catalogue, entry: CatalogueEntry, csv: Csv, start: number): void {
  const end = entry.lastOffersUpdate;
  const series = (index: number, current: Current, base: number, shipping: number) => {
    if (index >= csv.length) return;
    const rng = rngFor(catalogue.seed, entry.asin, "csv-market", index);
    const times = changeTimes(rng, start, end, 360, 4_320);
    csv[index] = tripleSeries(
      rng,
      times,
      current,
      current ? current.price : base,
      current ? current.shipping : shipping,
    );
  };
  if (entry.csvStyle === "allPricesMissing") {
    csv[CSV.BUY_BOX_USED_SHIPPING] = [start, -1, -1, end, -1, -1];
    return;
  }
  const market = marketOf(catalogue, entry);
  const usedBase = entry.used > 0 ? entry.used : entry.newPrice > 0 ? Math.round(entry.newPrice / 2) : 999;
  const box = market.usedBuyBox;
  series(CSV.BUY_BOX_USED_SHIPPING, box && { price: box.price, shipping: box.shipping }, usedBase, FBM_SHIPPING);
  if (!market.tracked) return;
  series(CSV.NEW_FBM_SHIPPING, currentOf(market.newFbm), entry.newPrice > 0 ? entry.newPrice : 1_999, FBM_SHIPPING);
  for (const c of USED_CONDITIONS) {
    const base = Math.round(usedBase * CONDITION_FACTOR[c]);
    series(USED_CONDITION_CSV[c], currentOf(market.conditions[c]), base, FBM_SHIPPING);
  }
}
