import type { Condition, Market, Verification } from "../../keepa/index.ts";

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

/** Where a landed price came from, best first (docs/economics.md#which-sell-price). */
export type PriceSource = "buy_box" | "lowest_fba" | "lowest_offer" | "average_90d" | "average_180d";

/** A price a buyer pays in one condition, shipping included. */
export type LandedPrice = {
  cents: number;
  condition: Condition;
  landed: true;
  source: PriceSource;
  /** True only when it comes from offers fetched live for this answer (a verified product). */
  live: boolean;
  /** Epoch ms the price was observed: the live fetch, or Keepa's last offers collection; null for averages. */
  observedAt: number | null;
};

/** How the seller's cost of a copy is found (docs/economics.md#buy-cost). */
export type CostModel =
  | { model: "percentOfSell"; percent: number }
  | { model: "flatCents"; cents: number }
  /** Cost per ASIN or ISBN-13/EAN code. */
  | { model: "perItem"; items: Readonly<Record<string, number>> }
  /** An Amazon-to-Amazon flip: the lowest landed offer in this condition. */
  | { model: "amazonOffer"; condition: Condition };

export const COST_MODELS = ["percentOfSell", "flatCents", "perItem", "amazonOffer"] as const;

/** What the seller pays for one copy, and what that number rests on. */
export type BuyCost = {
  cents: number;
  model: CostModel["model"];
  /** Human-readable basis, e.g. "40 % of sell". */
  detail: string;
  /** The condition bought in (amazonOffer only). */
  condition: Condition | null;
  /** True for an Amazon offer (shipping included); a seller's own cost is what they enter. */
  landed: boolean;
  live: boolean;
};

/** Offers competing in the sell condition; live only when verified. */
export type Competition = {
  /** Offers in the sell condition; unverified used counts are Keepa's COUNT_USED over all used conditions. */
  offers: number | null;
  fbaOffers: number | null;
  fbmOffers: number | null;
  scope: "condition" | "all_used" | "all_new";
  live: boolean;
};

/** Product facts the scorer needs. Money is integer cents; `null` always means "unknown" (0 is a real value). */
export type ScoringInput = {
  asin: string;
  title: string | null;
  categoryId: number | null;
  categoryName: string | null;
  /** null = unknown; 0 is a valid rank. */
  bsr: number | null;
  /**
   * csv NEW/USED (shipping excluded, USED over every used condition) and Amazon's own price: never a sell price, only
   * the screening estimate that orders candidates for verification.
   */
  prices: { amazon: number | null; new: number | null; used: number | null };
  /** Per-condition landed prices. */
  market: Market;
  verification: Verification | null;
  /** Epoch ms of Keepa's last offers collection (the age of `market.*.snapshot`). */
  offersAsOf: number | null;
  /** EAN/UPC codes, for perItem costs. */
  codes: readonly string[];
  offers: { new: number | null; used: number | null; fba: number | null };
  amazonOnListing: boolean | null;
  referralFeePercent: number | null;
  /** Cents. */
  fbaPickAndPackFee: number | null;
  packageWeightGrams: number | null;
  averages: { bsr30: number | null; bsr90: number | null };
  salesRankDrops30: number | null;
  salesRankDrops90: number | null;
  rating: number | null;
  reviewCount: number | null;
  dataQuality: DataQuality;
};

/** A screened product's expected ROI, from the condition's price or, failing that, csv NEW/USED. */
export type ScreeningEstimate = {
  roiPercent: number | null;
  basis: "condition_price" | "csv_new_excluding_shipping" | "csv_used_any_condition" | "none";
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
  sellCondition: Condition;
  sellPrice: LandedPrice | null;
  buyCost: BuyCost | null;
  /** `sellPrice.cents` and `buyCost.cents`, flat for lists and storage. */
  sellPriceCents: number | null;
  buyPriceCents: number | null;
  /** The most the seller can pay and still reach the strategy's target ROI and minimum profit. */
  maxBuyCents: number | null;
  maxBuyRule: "target_roi" | "min_profit" | null;
  /** Fetched with live offers (docs/economics.md#two-stage-funnel). */
  verified: boolean;
  verifiedAt: number | null;
  /** Not verified: the recommendation cannot be STRONG_BUY. */
  provisional: boolean;
  competition: Competition;
  /** Orders screening candidates for verification; never a recommendation input. */
  estimate: ScreeningEstimate;
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
