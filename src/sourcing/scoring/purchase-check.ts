import type { Condition } from "../../keepa/index.ts";
import { dollars, round2 } from "./math.ts";
import type { PriceSource, Recommendation } from "./types.ts";
import type { ScoredProductView } from "./view.ts";

/**
 * "Verify before buying" (docs/economics.md#before-buying): the numbers a seller saved when a book looked worth buying,
 * against today's facts from a fresh fetch with live offers. The original app's thresholds; a percent is decided on
 * the value shown (two decimals), as scores are, so an answer never shows "10 %" beside a change that did not count.
 */
export const PURCHASE_CHECK_THRESHOLDS = {
  /** |today − saved| / saved of the landed sell price in the sell condition, in percent; only a drop is critical. */
  pricePercent: { warning: 10, critical: 25 },
  /** |today − saved| / saved of the sales rank, in percent; only a slower rank (a higher number) is critical. */
  bsrPercent: { warning: 50, critical: 100 },
  /** today − saved FBA offers in the sell condition (more competitors; fewer is never a warning). */
  fbaIncrease: { warning: 3, critical: 5 },
} as const;

/** What the seller saved; each number is compared only when given. */
export type SavedNumbers = { priceCents?: number | undefined; bsr?: number | undefined; fbaCount?: number | undefined };

/** Today's facts the check reads: from a product scored in the seller's sell condition. */
export type TodayFacts = {
  condition: Condition;
  /** The landed sell price in `condition`; null when it has none. */
  priceCents: number | null;
  priceSource: PriceSource | null;
  bsr: number | null;
  /** FBA offers in `condition` from live offers; null when they were not fetched. */
  fbaCount: number | null;
  amazonSelling: boolean | null;
};

export type ChangeSeverity = "warning" | "critical";
export type PurchaseVerdict = "OK" | "CHANGED" | "AVOID";
/** The request fields a change is about (Amazon's presence is always checked). */
export type CheckedField = "priceCents" | "bsr" | "fbaCount" | "amazonSelling";

type Common = { severity: ChangeSeverity; sentence: string };
export type PurchaseChange =
  | ({ field: "priceCents" | "bsr"; saved: number; now: number | null; changePercent: number | null } & Common)
  | ({ field: "fbaCount"; saved: number; now: number | null; delta: number | null } & Common)
  | ({ field: "amazonSelling"; saved: null; now: boolean | null } & Common);

export type PurchaseCheck = {
  verdict: PurchaseVerdict;
  /** Only what crossed a threshold or could not be checked, in field order. */
  changes: PurchaseChange[];
  /** Every field compared. */
  checked: CheckedField[];
};

/** Today's facts of a scored product: its sell condition's landed price, rank, live FBA offers, Amazon. */
export function todayFacts(view: ScoredProductView): TodayFacts {
  return {
    condition: view.sellCondition,
    priceCents: view.sellPrice?.cents ?? null,
    priceSource: view.sellPrice?.source ?? null,
    bsr: view.bsr,
    fbaCount: view.fbaSellers,
    amazonSelling: view.amazonOnListing,
  };
}

/** Signed change in percent of `saved` (> 0), rounded to two decimals. */
const percentChange = (saved: number, now: number): number => round2(((now - saved) * 100) / saved);

/**
 * A change against the seller (a lower price, a slower rank) can be critical; one in their favour is worth knowing
 * (the numbers they decided on moved) but never a reason to avoid the book, so it stops at a warning.
 */
function percentSeverity(
  changePercent: number,
  limits: { warning: number; critical: number },
  harmful: boolean,
): ChangeSeverity | undefined {
  const size = Math.abs(changePercent);
  if (size >= limits.critical && harmful) return "critical";
  if (size >= limits.warning) return "warning";
  return undefined;
}

const rank = (value: number) => `#${value.toLocaleString("en-US")}`;
const limitsText = (limits: { warning: number; critical: number }, unit: string) =>
  `warning at ${limits.warning}${unit}, critical at ${limits.critical}${unit}`;

function priceChange(saved: number, today: TodayFacts): PurchaseChange | undefined {
  const limits = PURCHASE_CHECK_THRESHOLDS.pricePercent;
  const condition = today.condition;
  if (today.priceCents === null)
    return {
      field: "priceCents",
      saved,
      now: null,
      changePercent: null,
      severity: "warning",
      sentence: `There is no ${condition} sell price today, so the ${dollars(saved)} you saved cannot be checked.`,
    };
  const changePercent = percentChange(saved, today.priceCents);
  const severity = percentSeverity(changePercent, limits, changePercent < 0);
  if (!severity) return undefined;
  const average =
    today.priceSource === "average_90d" || today.priceSource === "average_180d"
      ? ` It is only the ${today.priceSource === "average_90d" ? "90" : "180"}-day average: no ${condition} offer today.`
      : "";
  return {
    field: "priceCents",
    saved,
    now: today.priceCents,
    changePercent,
    severity,
    sentence:
      `The ${condition} sell price is ${dollars(today.priceCents)} today, ${Math.abs(changePercent)} % ` +
      `${changePercent > 0 ? "above" : "below"} the ${dollars(saved)} you saved (${limitsText(limits, " %")}).` +
      average,
  };
}

function bsrChange(saved: number, today: TodayFacts): PurchaseChange | undefined {
  const limits = PURCHASE_CHECK_THRESHOLDS.bsrPercent;
  if (today.bsr === null)
    return {
      field: "bsr",
      saved,
      now: null,
      changePercent: null,
      severity: "warning",
      sentence: `There is no sales rank today, so the ${rank(saved)} you saved cannot be checked.`,
    };
  const changePercent = percentChange(saved, today.bsr);
  const severity = percentSeverity(changePercent, limits, changePercent > 0);
  if (!severity) return undefined;
  // A higher rank number sells slower.
  const direction = changePercent > 0 ? "slower" : "faster";
  return {
    field: "bsr",
    saved,
    now: today.bsr,
    changePercent,
    severity,
    sentence:
      `The sales rank is ${rank(today.bsr)} today, ${Math.abs(changePercent)} % from the ${rank(saved)} you saved: ` +
      `it sells ${direction} than it did (${limitsText(limits, " %")}).`,
  };
}

function fbaChange(saved: number, today: TodayFacts): PurchaseChange | undefined {
  const limits = PURCHASE_CHECK_THRESHOLDS.fbaIncrease;
  const condition = today.condition;
  if (today.fbaCount === null)
    return {
      field: "fbaCount",
      saved,
      now: null,
      delta: null,
      severity: "warning",
      sentence: `The ${condition} FBA offers could not be counted today (no live offers), so the ${saved} you saved cannot be checked.`,
    };
  const delta = today.fbaCount - saved;
  const severity = delta >= limits.critical ? "critical" : delta >= limits.warning ? "warning" : undefined;
  if (!severity) return undefined;
  return {
    field: "fbaCount",
    saved,
    now: today.fbaCount,
    delta,
    severity,
    sentence:
      `${today.fbaCount} FBA offers in ${condition} today, ${delta} more than the ${saved} you saved ` +
      `(warning at +${limits.warning}, critical at +${limits.critical}).`,
  };
}

function amazonChange(today: TodayFacts): PurchaseChange | undefined {
  if (today.amazonSelling === false) return undefined;
  if (today.amazonSelling === null)
    return {
      field: "amazonSelling",
      saved: null,
      now: null,
      severity: "warning",
      sentence: "Whether Amazon sells on this listing could not be told today.",
    };
  return {
    field: "amazonSelling",
    saved: null,
    now: true,
    severity: "critical",
    sentence: "Amazon sells on this listing now: a third-party copy rarely wins the buy box against it.",
  };
}

/** AVOID on any critical change (Amazon selling is one), CHANGED on any warning, else OK. */
export function verdictOf(changes: readonly PurchaseChange[]): PurchaseVerdict {
  if (changes.some((change) => change.severity === "critical")) return "AVOID";
  return changes.length > 0 ? "CHANGED" : "OK";
}

/** Compares the saved numbers with today's facts. Pure: no clock, no I/O. */
export function checkPurchase(saved: SavedNumbers, today: TodayFacts): PurchaseCheck {
  const checked: CheckedField[] = [];
  const changes: PurchaseChange[] = [];
  const add = (field: CheckedField, change: PurchaseChange | undefined) => {
    checked.push(field);
    if (change) changes.push(change);
  };
  if (saved.priceCents !== undefined) add("priceCents", priceChange(saved.priceCents, today));
  if (saved.bsr !== undefined) add("bsr", bsrChange(saved.bsr, today));
  if (saved.fbaCount !== undefined) add("fbaCount", fbaChange(saved.fbaCount, today));
  add("amazonSelling", amazonChange(today));
  return { verdict: verdictOf(changes), changes, checked };
}

/** What today's score says, for the message. */
export type TodayRecommendation = {
  recommendation: Recommendation;
  maxBuyCents: number | null;
  buyPriceCents: number | null;
};

/** One paragraph a seller reads: the verdict, its first reason, and today's recommendation. */
export function purchaseMessage(check: PurchaseCheck, today: TodayRecommendation): string {
  const critical = check.changes.find((change) => change.severity === "critical");
  const head =
    check.verdict === "AVOID"
      ? `Do not buy: ${critical?.sentence ?? "a critical change."}`
      : check.verdict === "CHANGED"
        ? `${check.changes.length} change(s) to look at before buying: ${check.changes[0]?.sentence ?? ""}`
        : "Nothing you saved has moved past its threshold.";
  const maxBuy = today.maxBuyCents === null ? "" : `, worth paying at most ${dollars(today.maxBuyCents)}`;
  const over =
    today.buyPriceCents !== null && today.maxBuyCents !== null && today.buyPriceCents > today.maxBuyCents
      ? ` At ${dollars(today.buyPriceCents)} you would pay more than that.`
      : "";
  return `${head} Today: ${today.recommendation}${maxBuy}.${over}`;
}
