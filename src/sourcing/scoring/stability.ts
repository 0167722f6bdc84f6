import type { ScoringConfig } from "./config.ts";
import { clamp, round2 } from "./math.ts";
import type { Competition, LandedPrice, ScoringInput } from "./types.ts";

export type StabilityInput = Pick<ScoringInput, "averages" | "market" | "bsr"> & {
  sell: LandedPrice | null;
  competition: Pick<Competition, "offers">;
};

export type StabilityResult = {
  score: number;
  components: { price: number | null; bsr: number | null; competition: number | null };
};

/**
 * Price component: how far today's sell price sits from the same condition's 90-day average. A sell price that IS an
 * average says nothing about movement, so it has no price component.
 */
function priceComponent(input: StabilityInput, sensitivity: number): number | null {
  const sell = input.sell;
  if (sell === null || sell.source === "average_90d" || sell.source === "average_180d") return null;
  const average = input.market[sell.condition].average90Cents;
  if (average === null || average <= 0) return null;
  const deviation = Math.abs(sell.cents - average) / average;
  return clamp(100 - deviation * sensitivity, 0, 100);
}

/** BSR component: 30-day vs 90-day average rank; ranks swing more than prices, hence a gentler sensitivity. */
function bsrComponent(input: StabilityInput, sensitivity: number): number | null {
  const { bsr30, bsr90 } = input.averages;
  if (bsr30 === null || bsr90 === null || bsr30 < 0 || bsr90 < 0) return null;
  const deviation = Math.abs(bsr30 - bsr90) / Math.max(bsr90, 1);
  return clamp(100 - deviation * sensitivity, 0, 100);
}

/** Competition component: many sellers in the condition we sell in means price pressure. */
function competitionComponent(input: StabilityInput, rule: ScoringConfig["stability"]["competition"]): number | null {
  const sellers = input.competition.offers;
  if (sellers === null || sellers < 0) return null;
  return clamp(100 - Math.max(0, sellers - rule.freeSellers) * rule.penaltyPerSeller, 0, 100);
}

/**
 * Stability 0–100 = weighted mean of the components that have data (weights renormalised over present ones).
 * With no component at all it returns `missingScore` and a warning instead of pretending to know.
 */
export function stabilityScore(input: StabilityInput, config: ScoringConfig, warnings: string[] = []): StabilityResult {
  const cfg = config.stability;
  const components = {
    price: priceComponent(input, cfg.priceSensitivity),
    bsr: bsrComponent(input, cfg.bsrSensitivity),
    competition: competitionComponent(input, cfg.competition),
  };
  let weighted = 0;
  let weightSum = 0;
  for (const key of ["price", "bsr", "competition"] as const) {
    const value = components[key];
    if (value === null) continue;
    weighted += value * cfg.weights[key];
    weightSum += cfg.weights[key];
  }
  if (weightSum === 0) {
    warnings.push(`stability unknown (no price/BSR averages or offer counts): using neutral ${cfg.missingScore}`);
    return { score: cfg.missingScore, components };
  }
  return { score: round2(weighted / weightSum), components };
}
