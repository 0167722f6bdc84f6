import type { VelocityScale } from "./config.ts";
import { round2 } from "./math.ts";
import type { VelocityTierLabel } from "./types.ts";

export type VelocityResult = { score: number; tier: VelocityTierLabel };

/**
 * BSR → velocity 0–100 on a strategy's tier table (docs/scoring.md#velocity). Within a tier the score falls linearly
 * from `high` at the previous tier's max BSR to `low` at this tier's max, so the scale is continuous and monotone — the
 * original used each tier's midpoint, which made BSR 10,001 and 50,000 score the same. A BSR exactly on a boundary
 * belongs to the lower (faster) tier. BSR 0 is a valid rank; null/negative = unknown.
 */
export function velocityScore(bsr: number | null, scale: VelocityScale): VelocityResult {
  if (bsr === null || !Number.isFinite(bsr) || bsr < 0) return { score: 0, tier: "unknown" };
  let lower = 0;
  for (const tier of scale.tiers) {
    if (bsr <= tier.maxBsr) {
      const fraction = (bsr - lower) / (tier.maxBsr - lower);
      return { score: round2(tier.high - (tier.high - tier.low) * fraction), tier: tier.label };
    }
    lower = tier.maxBsr;
  }
  return { score: scale.beyondScore, tier: "dead" };
}

/**
 * Largest BSR whose velocity still reaches `minScore` — the inverse of {@link velocityScore}, used to show users the
 * BSR that a velocity threshold really means (docs/scoring.md#calibration) and to keep thresholds and BSR ranges
 * consistent in tests. Returns null when no BSR reaches the score.
 */
export function maxBsrForVelocity(minScore: number, scale: VelocityScale): number | null {
  let lower = 0;
  let best: number | null = null;
  for (const tier of scale.tiers) {
    if (tier.high < minScore) break;
    best =
      tier.low >= minScore
        ? tier.maxBsr
        : Math.floor(lower + ((tier.high - minScore) / (tier.high - tier.low)) * (tier.maxBsr - lower));
    if (tier.low < minScore) break;
    lower = tier.maxBsr;
  }
  return best;
}
