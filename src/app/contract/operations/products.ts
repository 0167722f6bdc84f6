import { z } from "zod";
import type { ZodType } from "zod";
import { legacyAliasesOf } from "../../../shared/index.ts";
import { CONDITIONS } from "../../../keepa/index.ts";
import {
  COST_MODELS,
  discoverBody,
  discoverWithScoringBody,
  RECOMMENDATIONS,
  STRATEGY_NAMES,
  verifyPurchaseBody,
} from "../../../sourcing/index.ts";
import { categoriesQuery } from "../../endpoints/sourcing.ts";
import { Asin, Cents, Currency, page, Timestamp, TokenSummary } from "../common.ts";
import type { Operation } from "../operation.ts";

// The shapes every sourcing answer shares (a scored product, the plan, the cuts), named once: picks, the review
// and analyses show the same scored product and may import these.

const Condition = z.lazy(() =>
  z.enum(CONDITIONS).meta({ id: "Condition", description: "A copy's condition on Amazon" }),
);
const Strategy = z.lazy(() => z.enum(STRATEGY_NAMES).meta({ id: "Strategy" }));
const Recommendation = z.lazy(() => z.enum(RECOMMENDATIONS).meta({ id: "Recommendation" }));
const DataQuality = z.lazy(() => z.enum(["full", "degraded", "unavailable"]).meta({ id: "DataQuality" }));

export const LandedPrice = z.lazy(() =>
  z
    .object({
      cents: Cents,
      condition: Condition,
      landed: z.literal(true),
      source: z.enum(["buy_box", "lowest_fba", "lowest_offer", "average_90d", "average_180d"]),
      live: z.boolean().meta({ description: "From offers fetched live for this answer (a verified product)" }),
      observedAt: Timestamp.nullable().meta({ description: "When the price was observed; null for averages" }),
    })
    .meta({ id: "LandedPrice", description: "A price a buyer pays in one condition, shipping included" }),
);

export const BuyCost = z.lazy(() =>
  z
    .object({
      cents: Cents,
      model: z.enum(COST_MODELS),
      detail: z.string().meta({ description: 'Human-readable basis, e.g. "40 % of sell"' }),
      condition: Condition.nullable().meta({ description: "The condition bought in (amazonOffer only)" }),
      landed: z.boolean(),
      live: z.boolean(),
    })
    .meta({ id: "BuyCost", description: "What the seller pays for one copy, and what that rests on" }),
);

export const ScoredProduct = z.lazy(() =>
  z
    .object({
      asin: Asin,
      currency: Currency,
      title: z.string().nullable(),
      category: z.string().nullable(),
      bsr: z.number().int().nullable(),
      sellCondition: Condition,
      sellPrice: LandedPrice.nullable(),
      buyCost: BuyCost.nullable(),
      sellPriceCents: Cents.nullable(),
      buyPriceCents: Cents.nullable(),
      maxBuyCents: Cents.nullable().meta({
        description: "The most worth paying for the target ROI and minimum profit",
      }),
      maxBuyRule: z.enum(["target_roi", "min_profit"]).nullable(),
      verified: z.boolean().meta({ description: "Fetched with live offers" }),
      verifiedAt: Timestamp.nullable(),
      provisional: z.boolean().meta({ description: "Not verified: cannot be STRONG_BUY" }),
      competition: z.object({
        offers: z.number().int().nullable(),
        fbaOffers: z.number().int().nullable(),
        fbmOffers: z.number().int().nullable(),
        scope: z.enum(["condition", "all_used", "all_new"]),
        live: z.boolean(),
      }),
      estimate: z.object({
        roiPercent: z.number().nullable(),
        basis: z.enum(["condition_price", "csv_new_excluding_shipping", "csv_used_any_condition", "none"]),
      }),
      profitCents: Cents.nullable(),
      roiPercent: z.number().nullable(),
      velocity: z.number(),
      velocityTier: z.enum(["very_fast", "fast", "moderate", "slow", "very_slow", "dead", "unknown"]),
      stability: z.number(),
      confidence: z.number(),
      recommendation: Recommendation,
      conditionSignal: z.enum(["STRONG", "MODERATE", "WEAK", "UNKNOWN"]),
      amazonOnListing: z.boolean().nullable(),
      fbaSellers: z.number().int().nullable(),
      rankingScore: z.number().nullable().meta({ description: "0.6·ROI + 0.4·velocity; null without an ROI" }),
      strategy: Strategy,
      dataQuality: DataQuality,
      reasons: z.array(z.string()),
      warnings: z.array(z.string()),
    })
    .meta({
      id: "ScoredProduct",
      description: "A product scored in one sell condition and cost model (cents of `currency`)",
    }),
);

/** How an identifier was read: an ASIN (or ISBN-10), a 978 ISBN-13 (its ISBN-10 is the ASIN), a 979 code. */
export const IdentifierKind = z.lazy(() => z.enum(["asin", "isbn13", "code"]).meta({ id: "IdentifierKind" }));

const Range = z.lazy(() => z.object({ min: z.number().nullable(), max: z.number().nullable() }));

/** What every token plan says, whichever action made it (the AutoSourcing plan extends it too). */
export const PlanCore = z.lazy(() =>
  z.object({
    fits: z.boolean(),
    budget: z.number().int(),
    cost: z.number().int().meta({ description: "Tokens reserved: the plan's upper bound" }),
    discoveryCost: z.number().int(),
    lookups: z.number().int(),
    slots: z.number().int(),
    perSlot: z.number().int(),
    requested: z.object({ slots: z.number().int(), perSlot: z.number().int() }),
    minimumCost: z.number().int(),
    cachedDiscoveries: z.number().int(),
    shrunk: z.boolean(),
    verify: z.object({
      requested: z.number().int(),
      planned: z.number().int(),
      unitCost: z.number().int(),
      cost: z.number().int(),
    }),
    notes: z.array(z.string()),
  }),
);

/** Where the screened products sit in the BSR range asked for. */
export const Spread = z.lazy(() =>
  z.object({
    range: Range,
    bands: z.number().int(),
    screened: z.number().int(),
    min: z.number().nullable(),
    median: z.number().nullable(),
    max: z.number().nullable(),
  }),
);

/** What a plan verified: fetched with live offers now, served verified from the cache, out of how many ranked. */
export const Verified = z.lazy(() =>
  z.object({
    fetched: z.number().int(),
    fromCache: z.number().int(),
    candidates: z.number().int(),
  }),
);

export const SourcingPlan = z.lazy(() =>
  PlanCore.unwrap()
    .extend({
      spread: Spread.optional().meta({ description: "Where the screened products sit in the BSR range asked for" }),
      verified: Verified.optional(),
      discovery: z
        .array(
          z.object({
            slot: z.string(),
            list: z.string().meta({ description: "The discovery list's id" }),
            source: z.enum(["cache", "keepa", "failed"]),
            fetchedAt: Timestamp.nullable().meta({ description: "When Keepa produced the list" }),
            size: z.number().int(),
            page: z.number().int().positive().meta({ description: "The page of the list this request screened" }),
          }),
        )
        .optional()
        .meta({ description: "Which discovery list each slot screened" }),
    })
    .meta({ id: "SourcingPlan", description: "The Keepa calls planned before anything was reserved" }),
);

export const CutNote = z.lazy(() =>
  z
    .object({
      reason: z.enum(["budget", "deadline", "keepa_error"]),
      step: z.enum(["discovery", "details", "verify"]),
      detail: z.string(),
      keepaError: z
        .enum([
          "not_enough_tokens",
          "payment_required",
          "bad_request",
          "server",
          "network",
          "timeout",
          "invalid_response",
          "budget_exhausted",
        ])
        .optional(),
    })
    .meta({ id: "CutNote", description: "What cut a run short, at which step" }),
);

export const CostModelEcho = z.lazy(() =>
  z
    .union([
      z.object({ model: z.literal("percentOfSell"), percent: z.number() }),
      z.object({ model: z.literal("flatCents"), cents: Cents }),
      z.object({ model: z.literal("perItem"), items: z.number().int().meta({ description: "How many were listed" }) }),
      z.object({ model: z.literal("amazonOffer"), condition: Condition }),
    ])
    .nullable()
    .meta({ id: "CostModelEcho", description: "The cost model applied (a per-item list by its size); null: default" }),
);

/** The deprecated snake_case names a request schema still reads (README, "API conventions"), for its description. */
export function aliasNote(schema: ZodType): string {
  const names = Object.entries(legacyAliasesOf(schema)).map(
    ([old, alias]) => `\`${old}\` → \`${typeof alias === "string" ? alias : alias.name}\``,
  );
  return names.length === 0 ? "" : `Deprecated snake_case aliases still accepted: ${names.join(", ")}.`;
}

/** The scoring settings version the answer was scored with (docs/scoring.md#configuration). */
export const ConfigVersion = z.lazy(() =>
  z.number().int().nonnegative().meta({ description: "The scoring settings' version" }),
);

/** What every planned sourcing answer ends with. */
export const runFields = () => ({
  plan: SourcingPlan,
  partial: z.boolean(),
  tokens: TokenSummary,
});

const QueryEcho = z.lazy(() =>
  z.object({
    domain: z.number().int(),
    currency: Currency,
    category: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    bsrRange: Range,
    priceRange: z.object({ minCents: Cents.nullable(), maxCents: Cents.nullable() }),
    excludeAmazon: z.boolean(),
  }),
);

const Discovered = z.lazy(() =>
  z
    .object({
      asins: z.array(Asin),
      count: z.number().int(),
      totalResults: z.number().int().nullable(),
      query: QueryEcho,
      cuts: z.array(CutNote),
      ...runFields(),
    })
    .meta({ id: "DiscoveredAsins" }),
);

const ScoredDiscovery = z.lazy(() =>
  z
    .object({
      products: z.array(ScoredProduct).meta({ description: "Best first, at most maxResults" }),
      totalCount: z.number().int(),
      scored: z.number().int(),
      verified: z.number().int(),
      filteredOut: z.number().int(),
      discovered: z.number().int(),
      totalResults: z.number().int().nullable(),
      query: QueryEcho.unwrap().extend({
        strategy: Strategy,
        minRoi: z.number().nullable(),
        minVelocity: z.number().nullable(),
        sellCondition: Condition,
        costModel: CostModelEcho,
        verify: z.number().int(),
        verifyUnitCost: z.number().int(),
      }),
      cuts: z.array(CutNote),
      configVersion: ConfigVersion,
      ...runFields(),
    })
    .meta({ id: "ScoredDiscovery" }),
);

const severity = () => ({
  severity: z.enum(["warning", "critical"]).meta({ description: "Only a change against the seller is critical" }),
  sentence: z.string(),
});

const Change = z.lazy(() =>
  z
    .union([
      z.object({
        field: z.enum(["priceCents", "bsr"]),
        saved: z.number().int(),
        now: z.number().int().nullable(),
        changePercent: z.number().nullable().meta({ description: "Signed, two decimals; null: not checkable today" }),
        ...severity(),
      }),
      z.object({
        field: z.literal("fbaCount"),
        saved: z.number().int(),
        now: z.number().int().nullable(),
        delta: z.number().int().nullable(),
        ...severity(),
      }),
      z.object({ field: z.literal("amazonSelling"), saved: z.null(), now: z.boolean().nullable(), ...severity() }),
    ])
    .meta({ id: "PurchaseChange", description: "A saved number that crossed a threshold or could not be checked" }),
);

const CheckedField = z.lazy(() => z.enum(["priceCents", "bsr", "fbaCount", "amazonSelling"]));

const PurchaseCheck = z.lazy(() =>
  z
    .object({
      identifier: z.object({ input: z.string(), kind: IdentifierKind, asin: Asin }),
      asin: Asin,
      currency: Currency,
      verdict: z.enum(["OK", "CHANGED", "AVOID"]),
      message: z.string(),
      checkedAt: Timestamp,
      saved: z.object({
        priceCents: Cents.nullable(),
        bsr: z.number().int().nullable(),
        fbaCount: z.number().int().nullable(),
        costCents: Cents.nullable(),
      }),
      today: z.object({
        condition: Condition,
        priceCents: Cents.nullable(),
        priceSource: LandedPrice.unwrap().shape.source.nullable(),
        bsr: z.number().int().nullable(),
        fbaCount: z.number().int().nullable(),
        amazonSelling: z.boolean().nullable(),
        priceLive: z.boolean(),
        verified: z.boolean(),
        verifiedAt: Timestamp.nullable(),
      }),
      changes: z.array(Change),
      checked: z.array(CheckedField).meta({ description: "Every field compared" }),
      thresholds: z.object({
        pricePercent: z.object({ warning: z.number(), critical: z.number() }),
        bsrPercent: z.object({ warning: z.number(), critical: z.number() }),
        fbaIncrease: z.object({ warning: z.number(), critical: z.number() }),
      }),
      costModel: CostModelEcho,
      score: ScoredProduct,
      source: z.literal("keepa"),
      configVersion: ConfigVersion,
      ...runFields(),
    })
    .meta({ id: "PurchaseCheck" }),
);

const Category = z.lazy(() =>
  z.object({ key: z.string(), id: z.number().int(), name: z.string(), root: z.boolean() }).meta({ id: "Category" }),
);

const discoverWithScoring = (id: string, path: string, deprecated: boolean): Operation => ({
  id,
  method: "post",
  path,
  fn: "products-discover-with-scoring",
  tag: "Products",
  summary: deprecated
    ? "Deprecated alias of POST /api/v1/products/discover_with_scoring (the original frontend's hyphenated path)"
    : "Discovery, screening, verification of the best with live offers, and scoring",
  description: [
    deprecated ? "**Deprecated**: the same operation as `discoverWithScoring`; use that path." : "",
    aliasNote(discoverWithScoringBody),
  ]
    .filter(Boolean)
    .join("\n\n"),
  access: "apiKey",
  scopes: ["tokens:spend"],
  action: "manual_search",
  body: discoverWithScoringBody,
  replies: { 200: { description: "The scored products, best first.", schema: ScoredDiscovery } },
  database: true,
});

export const productsOperations = (): readonly Operation[] => [
  {
    id: "listCategories",
    method: "get",
    path: "/api/v1/products/categories",
    fn: "products-categories",
    tag: "Products",
    summary: "The categories discovery accepts, by id",
    access: "apiKey",
    query: categoriesQuery,
    replies: { 200: { description: "A page of categories.", schema: page(Category) } },
  },
  {
    id: "discoverProducts",
    method: "post",
    path: "/api/v1/products/discover",
    fn: "products-discover",
    tag: "Products",
    summary: "ASINs by category, BSR and price ranges (one Product Finder page)",
    access: "apiKey",
    scopes: ["tokens:spend"],
    action: "manual_search",
    description: aliasNote(discoverBody),
    body: discoverBody,
    replies: { 200: { description: "The ASINs found, in rank order.", schema: Discovered } },
  },
  discoverWithScoring("discoverWithScoring", "/api/v1/products/discover_with_scoring", false),
  discoverWithScoring("discoverWithScoringHyphenated", "/api/v1/products/discover-with-scoring", true),
  {
    id: "verifyPurchase",
    method: "post",
    path: "/api/v1/products/{asin}/verify",
    fn: "products-verify",
    tag: "Products",
    summary: "Verify before buying: today's facts against the seller's saved numbers → OK / CHANGED / AVOID",
    access: "apiKey",
    scopes: ["tokens:spend"],
    action: "verify_purchase",
    description: aliasNote(verifyPurchaseBody),
    params: z.object({ asin: z.string().meta({ description: "An ASIN, ISBN-10 or ISBN-13" }) }),
    body: verifyPurchaseBody,
    replies: { 200: { description: "The verdict, each change and today's score.", schema: PurchaseCheck } },
    problems: { 404: ["not_found"], 503: ["fetch_incomplete"] },
  },
];
