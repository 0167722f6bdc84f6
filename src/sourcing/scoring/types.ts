/**
 * Public data shapes of the sourcing scorer. Decoupled from the Keepa client on purpose: the caller maps its
 * normalized product into {@link ScoringInput}, so a Keepa parser change cannot silently alter a score.
 */

export const STRATEGY_NAMES = ["smart_velocity", "textbooks", "textbooks_standard", "textbooks_patience"] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const RECOMMENDATIONS = ["SKIP", "CONSIDER", "BUY", "STRONG_BUY"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export type DataQuality = "full" | "degraded" | "unavailable";
export type FeeCategory = "books" | "media" | "default";
export type VelocityTierLabel = "very_fast" | "fast" | "moderate" | "slow" | "very_slow" | "dead" | "unknown";
export type ConditionSignal = "STRONG" | "MODERATE" | "WEAK" | "UNKNOWN";
export type SellPriceSource = "buyBox" | "new" | "used";
export type BuyPriceSource = "source_price" | "used_offer" | "new_offer" | "none";

/** Product facts the scorer needs. Money is integer cents; `null` always means "unknown" (0 is a real value). */
export type ScoringInput = {
  asin: string;
  title: string | null;
  categoryId: number | null;
  categoryName: string | null;
  /** null = unknown; 0 is a valid rank. */
  bsr: number | null;
  prices: {
    amazon: number | null;
    new: number | null;
    used: number | null;
    buyBox: number | null;
    newFba: number | null;
  };
  offers: { new: number | null; used: number | null; fba: number | null };
  amazonOnListing: boolean | null;
  referralFeePercent: number | null;
  /** Cents. */
  fbaPickAndPackFee: number | null;
  packageWeightGrams: number | null;
  averages: { new90: number | null; used90: number | null; bsr30: number | null; bsr90: number | null };
  salesRankDrops30: number | null;
  salesRankDrops90: number | null;
  rating: number | null;
  reviewCount: number | null;
  dataQuality: DataQuality;
};

export type FeeBreakdown = {
  feeCategory: FeeCategory;
  referralPercent: number;
  referralSource: "keepa" | "config";
  referralCents: number;
  closingCents: number;
  fbaCents: number;
  fbaSource: "keepa" | "weight_tiers";
  inboundCents: number;
  prepCents: number;
  /** Sum of the fees above; the safety buffer is NOT included (see {@link ProfitBreakdown}). */
  totalCents: number;
  weightGrams: number;
  weightSource: "keepa" | "default";
};

export type ProfitBreakdown = {
  sellCents: number;
  buyCents: number;
  feesCents: number;
  bufferPercent: number;
  bufferCents: number;
  profitCents: number;
  /** null when the buy price is 0 (ROI undefined). */
  roiPercent: number | null;
  marginPercent: number | null;
  /** Highest buy price that still breaks even (may be negative: nothing can be bought profitably). */
  breakevenBuyCents: number;
};

export type ProductScore = {
  asin: string;
  title: string | null;
  strategy: StrategyName;
  bsr: number | null;
  buyPriceCents: number | null;
  sellPriceCents: number | null;
  buyPriceSource: BuyPriceSource;
  sellPriceSource: SellPriceSource | "none";
  fees: FeeBreakdown | null;
  profit: ProfitBreakdown | null;
  profitCents: number | null;
  roiPercent: number | null;
  /** 0–100, on the strategy's calibrated BSR scale. */
  velocity: number;
  velocityTier: VelocityTierLabel;
  stability: number;
  confidence: number;
  conditionSignal: ConditionSignal;
  amazonOnListing: boolean | null;
  recommendation: Recommendation;
  reasons: string[];
  dataQuality: DataQuality;
  warnings: string[];
};
