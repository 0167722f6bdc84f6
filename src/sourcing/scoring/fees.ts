import { GRAMS_PER_LB } from "./config.ts";
import type { FeeSchedule, ScoringConfig } from "./config.ts";
import { roundHalfAway } from "./math.ts";
import type { FeeBreakdown, FeeCategory, ScoringInput } from "./types.ts";

type FeeInput = Pick<
  ScoringInput,
  "categoryId" | "categoryName" | "referralFeePercent" | "fbaPickAndPackFee" | "packageWeightGrams"
>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Picks the fee schedule: known root category id first, then a keyword match on the name, else "default". */
export function feeCategoryFor(
  input: Pick<ScoringInput, "categoryId" | "categoryName">,
  config: ScoringConfig,
): FeeCategory {
  const { rootCategoryIds, categoryKeywords } = config.fees;
  if (input.categoryId !== null) {
    if (rootCategoryIds.books.includes(input.categoryId)) return "books";
    if (rootCategoryIds.media.includes(input.categoryId)) return "media";
  }
  const name = input.categoryName?.toLowerCase() ?? "";
  // Whole words with an optional plural: "music" must not classify "Musical Instruments" as media.
  const hit = (words: string[]) => words.some((w) => new RegExp(`\\b${escapeRegExp(w)}s?\\b`, "i").test(name));
  if (hit(categoryKeywords.books)) return "books";
  if (hit(categoryKeywords.media)) return "media";
  return "default";
}

/** FBA fulfilment fee for a package weight: first tier whose max covers it, else last tier + a fee per started lb. */
export function fbaFeeForWeight(weightGrams: number, schedule: FeeSchedule): number {
  const tier = schedule.fbaWeightTiers.find((t) => weightGrams <= t.maxGrams);
  if (tier) return tier.feeCents;
  const last = schedule.fbaWeightTiers.at(-1);
  if (!last) throw new Error("fee schedule has no FBA weight tier");
  const extraLbs = Math.ceil((weightGrams - last.maxGrams) / GRAMS_PER_LB);
  return last.feeCents + extraLbs * schedule.fbaPerLbAboveCents;
}

/** Inbound shipping is billed on the actual weight (not rounded up to a tier). */
export function inboundShippingCents(weightGrams: number, schedule: FeeSchedule): number {
  return roundHalfAway((weightGrams / GRAMS_PER_LB) * schedule.inboundPerLbCents);
}

const validPercent = (p: number | null): p is number => p !== null && Number.isFinite(p) && p >= 0 && p <= 100;
const validCents = (c: number | null): c is number => c !== null && Number.isFinite(c) && c >= 0;
const validWeight = (g: number | null): g is number => g !== null && Number.isFinite(g) && g > 0;

/**
 * Amazon fees for selling one unit at `sellCents`. Product-specific Keepa values (referral %, pick & pack fee, weight)
 * win over the category schedule because they are real per product; the schedule is only the fallback.
 * Pushes a warning for every fallback so the caller can expose data quality.
 */
export function calculateFees(
  sellCents: number,
  input: FeeInput,
  config: ScoringConfig,
  warnings: string[] = [],
): FeeBreakdown {
  const feeCategory = feeCategoryFor(input, config);
  const schedule = config.fees.schedules[feeCategory];
  const keepaReferral = validPercent(input.referralFeePercent);
  const referralPercent = keepaReferral ? (input.referralFeePercent as number) : schedule.referralPercent;
  const keepaWeight = validWeight(input.packageWeightGrams);
  const weightGrams = keepaWeight ? (input.packageWeightGrams as number) : config.fees.defaultWeightGrams;
  if (!keepaWeight) warnings.push(`package weight unknown: assumed ${weightGrams} g for FBA fee and inbound shipping`);
  const keepaFba = validCents(input.fbaPickAndPackFee);
  const fbaCents = keepaFba ? roundHalfAway(input.fbaPickAndPackFee as number) : fbaFeeForWeight(weightGrams, schedule);
  const referralCents = roundHalfAway((sellCents * referralPercent) / 100);
  const inboundCents = inboundShippingCents(weightGrams, schedule);
  const closingCents = schedule.closingFeeCents;
  const prepCents = schedule.prepCents;
  return {
    feeCategory,
    referralPercent,
    referralSource: keepaReferral ? "keepa" : "config",
    referralCents,
    closingCents,
    fbaCents,
    fbaSource: keepaFba ? "keepa" : "weight_tiers",
    inboundCents,
    prepCents,
    totalCents: referralCents + closingCents + fbaCents + inboundCents + prepCents,
    weightGrams,
    weightSource: keepaWeight ? "keepa" : "default",
  };
}
