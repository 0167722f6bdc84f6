import { round2, roundHalfAway } from "./math.ts";
import type { ProfitBreakdown } from "./types.ts";

export type ProfitInput = {
  sellCents: number;
  buyCents: number;
  feesCents: number;
  /** Safety buffer as % of the sell price (5 %, textbooks 7 %). */
  bufferPercent: number;
};

/** ROI in percent with two decimals; null when the buy price is 0 (division undefined, never Infinity). */
export function roiPercent(profitCents: number, buyCents: number): number | null {
  if (buyCents <= 0) return null;
  return roundHalfAway((profitCents * 10_000) / buyCents) / 100;
}

/**
 * docs/scoring.md#profit-and-roi: net = sell − fees − buffer − buy; ROI = net / buy; margin = net / sell. All money
 * stays in integer cents.
 */
export function calculateProfit(input: ProfitInput): ProfitBreakdown {
  const bufferCents = roundHalfAway((input.sellCents * input.bufferPercent) / 100);
  const breakevenBuyCents = input.sellCents - input.feesCents - bufferCents;
  const profitCents = breakevenBuyCents - input.buyCents;
  return {
    sellCents: input.sellCents,
    buyCents: input.buyCents,
    feesCents: input.feesCents,
    bufferPercent: input.bufferPercent,
    bufferCents,
    profitCents,
    roiPercent: roiPercent(profitCents, input.buyCents),
    marginPercent: input.sellCents > 0 ? round2((profitCents / input.sellCents) * 100) : null,
    breakevenBuyCents,
  };
}

/**
 * Highest buy price that still yields `targetRoiPercent` (strategy inverse: (price − fees − buffer) / (1 + roi)),
 * floored to whole cents so buying at the result never falls below the target; 0 when no price can reach it.
 */
export function maxBuyPriceForRoi(
  sellCents: number,
  feesCents: number,
  bufferPercent: number,
  targetRoiPercent: number,
): number {
  const bufferCents = roundHalfAway((sellCents * bufferPercent) / 100);
  const available = sellCents - feesCents - bufferCents;
  if (available <= 0) return 0;
  return Math.floor((available * 100) / (100 + targetRoiPercent));
}

export type MaxBuy = { cents: number; rule: "target_roi" | "min_profit" };

/**
 * The most a seller can pay and still reach both the strategy's target ROI and its minimum profit
 * (docs/economics.md#buy-cost): the lower of the two limits, whole cents, never below 0.
 */
export function maxBuyFor(
  sellCents: number,
  feesCents: number,
  bufferPercent: number,
  target: { roiPercent: number; minProfitCents: number },
): MaxBuy {
  const byRoi = maxBuyPriceForRoi(sellCents, feesCents, bufferPercent, target.roiPercent);
  const bufferCents = roundHalfAway((sellCents * bufferPercent) / 100);
  const byProfit = Math.max(0, sellCents - feesCents - bufferCents - target.minProfitCents);
  return byProfit < byRoi ? { cents: byProfit, rule: "min_profit" } : { cents: byRoi, rule: "target_roi" };
}
