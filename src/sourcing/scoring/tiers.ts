import type { PickTierRule, ScoringConfig } from "./config.ts";
import { dollars } from "./math.ts";
import { recommendationRank } from "./recommendation.ts";
import type { ProductScore } from "./types.ts";

export type PickTier = "HOT" | "TOP" | "WATCH" | "OTHER";
export type PickTierResult = { tier: PickTier; reason: string; featured: boolean };

type TierScore = Pick<
  ProductScore,
  "roiPercent" | "profitCents" | "velocity" | "confidence" | "recommendation" | "strategy"
>;

/** Every unmet condition of one tier rule, as text; empty = the pick qualifies. */
function misses(score: TierScore, rule: PickTierRule, minVelocity: number): string[] {
  const out: string[] = [];
  if (score.roiPercent === null || score.roiPercent < rule.minRoiPercent)
    out.push(`ROI ${score.roiPercent ?? "n/a"}% < ${rule.minRoiPercent}%`);
  if (score.profitCents === null || score.profitCents < rule.minProfitCents) {
    out.push(
      `profit ${score.profitCents === null ? "n/a" : dollars(score.profitCents)} < ${dollars(rule.minProfitCents)}`,
    );
  }
  if (score.velocity < minVelocity) out.push(`velocity ${score.velocity} < ${minVelocity}`);
  if (score.confidence < rule.minConfidence) out.push(`confidence ${score.confidence} < ${rule.minConfidence}`);
  if (recommendationRank(score.recommendation) < recommendationRank(rule.minRecommendation)) {
    out.push(`recommendation ${score.recommendation} below ${rule.minRecommendation}`);
  }
  return out;
}

/**
 * AutoSourcing pick tier (docs/autosourcing.md#pick-tiers): HOT ⊂ TOP ⊂ WATCH, thresholds inclusive. Velocity minimums
 * come from the strategy (textbook scales top out near 75–85, so the original's fixed 80/70/60 would make HOT
 * unreachable there); the original's EXCELLENT/GOOD/FAIR rating gate maps to STRONG_BUY/BUY/CONSIDER. HOT picks are
 * featured.
 */
export function classifyPickTier(score: TierScore, config: ScoringConfig): PickTierResult {
  const velocity = config.strategies[score.strategy].tierVelocity;
  const { hot, top, watch } = config.pickTiers;
  const ladder = [
    ["HOT", hot, velocity.hot],
    ["TOP", top, velocity.top],
    ["WATCH", watch, velocity.watch],
  ] as const;
  let lastMisses: string[] = [];
  for (const [tier, rule, minVelocity] of ladder) {
    lastMisses = misses(score, rule, minVelocity);
    if (lastMisses.length === 0) {
      const reason =
        `${tier}: ROI ${score.roiPercent}% ≥ ${rule.minRoiPercent}%, profit ${dollars(score.profitCents ?? 0)} ≥ ` +
        `${dollars(rule.minProfitCents)}, velocity ${score.velocity} ≥ ${minVelocity}, confidence ` +
        `${score.confidence} ≥ ${rule.minConfidence}, ${score.recommendation}`;
      return { tier, reason, featured: tier === "HOT" };
    }
  }
  return { tier: "OTHER", reason: `OTHER: below WATCH (${lastMisses.join("; ")})`, featured: false };
}
