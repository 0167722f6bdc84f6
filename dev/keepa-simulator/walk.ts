// Random-walk building blocks shared by the csv histories (history.ts, market-history.ts).
import { intBetween, type Rng } from "./random.ts";

export function gauss(rng: Rng): number {
  return (rng() + rng() + rng() + rng() - 2) * Math.sqrt(3);
}

/** Ascending change times from `start` to `end` (inclusive of end) with random gaps. */
export function changeTimes(rng: Rng, start: number, end: number, minGap: number, maxGap: number): number[] {
  const times = [end];
  let t = end - intBetween(rng, minGap, maxGap);
  while (t > start) {
    times.push(t);
    t -= intBetween(rng, minGap, maxGap);
  }
  return times.reverse();
}
