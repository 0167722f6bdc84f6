import type { ScoringConfig } from "./config.ts";
import { round2 } from "./math.ts";
import type { ScoringInput } from "./types.ts";

export type ConfidenceInput = Pick<
  ScoringInput,
  "title" | "bsr" | "averages" | "offers" | "salesRankDrops30" | "salesRankDrops90" | "dataQuality"
> & {
  sellPriceCents: number | null;
  buyPriceCents: number | null;
  /** The sell condition's 90-day landed average. */
  conditionAverage90: number | null;
};

const known = (v: number | null): boolean => v !== null && Number.isFinite(v) && v >= 0;

/**
 * Confidence 0–100 in the data behind a score: completeness points (they sum to 100) scaled by the fetch's data
 * quality, so a degraded Keepa response can never look as trustworthy as a full one. Zeros count as known.
 */
export function confidenceScore(input: ConfidenceInput, config: ScoringConfig): number {
  const p = config.confidence.points;
  const checks: [boolean, number][] = [
    [input.title !== null && input.title.trim() !== "", p.title],
    [known(input.bsr), p.bsr],
    [known(input.sellPriceCents), p.sellPrice],
    [known(input.buyPriceCents), p.buyPrice],
    [known(input.conditionAverage90), p.priceAverage],
    [known(input.averages.bsr30) || known(input.averages.bsr90), p.bsrAverage],
    [known(input.offers.new) || known(input.offers.used) || known(input.offers.fba), p.offerCounts],
    [known(input.salesRankDrops30) || known(input.salesRankDrops90), p.salesRankDrops],
  ];
  const points = checks.reduce((sum, [ok, value]) => (ok ? sum + value : sum), 0);
  return round2(points * config.confidence.qualityFactor[input.dataQuality]);
}
