import { z } from "zod";
import { withLegacyAliases } from "../../shared/index.ts";
import { KEEPA_DOMAINS } from "../../keepa/index.ts";
import { categoryListText, findCategory } from "../catalogue/supported-categories.ts";
import type { SupportedCategory } from "../catalogue/supported-categories.ts";
import { STRATEGY_NAMES } from "../scoring/types.ts";
import { MAX_BSR, MAX_PRICE_DOLLARS, orderedRanges } from "../discovery/limits.ts";
import { checkEconomics, conditionField, costModelField } from "./economics-inputs.ts";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

/** Zod fields shared by the sourcing endpoints; query strings are coerced, JSON bodies take the same names. */

export const domainField = z.lazy(() =>
  z.coerce
    .number({ error: "domain must be a Keepa domain id" })
    .int()
    .refine((d) => KEEPA_DOMAINS.includes(d), { error: `domain must be one of ${KEEPA_DOMAINS.join(", ")}` })
    .optional(),
);

/** A category id or key; an unknown one lists the valid ones (never a silent fallback to Books). */
export const categoryField = z.lazy(() =>
  z
    .union([z.string().trim().min(1), z.number().int()], { error: "category must be a category id or name" })
    .transform((value, ctx): SupportedCategory => {
      const found = findCategory(value);
      if (found) return found;
      ctx.addIssue({ code: "custom", message: `unknown category "${value}"; valid categories: ${categoryListText()}` });
      return z.NEVER;
    })
    .optional(),
);

export const strategyField = z.lazy(() =>
  z.enum(STRATEGY_NAMES, { error: `strategy must be one of ${STRATEGY_NAMES.join(", ")}` }),
);

export const intField = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be an integer` })
    .min(min, { error: `${name} must be between ${min} and ${max}` })
    .max(max, { error: `${name} must be between ${min} and ${max}` });

export const numberField = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .min(min, { error: `${name} must be between ${min} and ${max}` })
    .max(max, { error: `${name} must be between ${min} and ${max}` });

/** true/false, also "true"/"false"/"1"/"0" from a query string (z.coerce.boolean would read "false" as true). */
export const booleanField = z.lazy(() =>
  z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")], {
    error: "must be true or false",
  }),
);

/** The economics a scoring request chooses (docs/economics.md); every field optional. */
const economicsShape = () => ({
  /** @default the strategy's sell condition (used_good) */
  sellCondition: conditionField("sellCondition").optional(),
  /** @default percentOfSell 40 % */
  costModel: costModelField.optional(),
  /** Shorthand for costModel flatCents, in dollars (the original's field). */
  sourcePrice: numberField("sourcePrice", 0, MAX_PRICE_DOLLARS)
    .optional()
    .meta({ description: "A flat buy cost in dollars (shorthand for costModel flatCents)" }),
});

/**
 * The original app's snake_case names, still accepted as deprecated aliases (README, "API conventions"): each
 * schema lists the ones its fields had.
 */
const LEGACY_NAMES = {
  sell_condition: "sellCondition",
  cost_model: "costModel",
  source_price: "sourcePrice",
  bsr_min: "bsrMin",
  bsr_max: "bsrMax",
  price_min: "priceMin",
  price_max: "priceMax",
  exclude_amazon: "excludeAmazon",
  max_results: "maxResults",
  min_roi: "minRoi",
  min_velocity: "minVelocity",
  force_refresh: "forceRefresh",
} as const;

type LegacyName = keyof typeof LEGACY_NAMES;

/** The aliases among `names`: a schema accepts only the old names of its own fields. */
export const legacyNames = (...names: LegacyName[]) =>
  Object.fromEntries(names.map((name) => [name, LEGACY_NAMES[name]]));

/** Filters shared by both discover endpoints (the original's field names, docs/api.md#discover-fields). */
const discoveryShape = () => ({
  domain: domainField,
  category: categoryField,
  bsrMin: intField("bsrMin", 1, MAX_BSR).optional(),
  bsrMax: intField("bsrMax", 1, MAX_BSR).optional(),
  priceMin: numberField("priceMin", 0, MAX_PRICE_DOLLARS).optional().meta({ description: "Dollars" }),
  priceMax: numberField("priceMax", 0, MAX_PRICE_DOLLARS).optional().meta({ description: "Dollars" }),
  /** Leave out listings Amazon sells: they are rejected anyway. */
  excludeAmazon: booleanField.default(true),
});

const DISCOVERY_LEGACY = ["bsr_min", "bsr_max", "price_min", "price_max", "exclude_amazon", "max_results"] as const;
const ECONOMICS_LEGACY = ["sell_condition", "cost_model", "source_price"] as const;

const RANGES = [
  ["bsrMin", "bsrMax"],
  ["priceMin", "priceMax"],
] as const;

/** POST /api/v1/products/discover */
export const discoverBody = withLegacyAliases(
  z.lazy(() =>
    z
      .strictObject({ ...discoveryShape(), maxResults: intField("maxResults", 1, 200).default(50) })
      .superRefine(orderedRanges(RANGES)),
  ),
  legacyNames(...DISCOVERY_LEGACY),
);
export type DiscoverBody = z.infer<typeof discoverBody>;

/** POST /api/v1/products/discover_with_scoring */
export const discoverWithScoringBody = withLegacyAliases(
  z.lazy(() =>
    z
      .strictObject({
        ...discoveryShape(),
        maxResults: intField("maxResults", 1, 100).default(20),
        minRoi: numberField("minRoi", -100, 10_000).optional(),
        minVelocity: numberField("minVelocity", 0, 100).optional(),
        strategy: strategyField.default("smart_velocity"),
        ...economicsShape(),
        /** Best screened products to verify with live offers, as far as the budget allows. @default 5 */
        verify: intField("verify", 0, 20).default(5),
        /** The page of the search's cached lists to screen: the next products, for their screening only. @default 1 */
        page: intField("page", 1, 50).default(1),
        forceRefresh: booleanField.default(false),
      })
      .superRefine(orderedRanges(RANGES))
      .superRefine(checkEconomics),
  ),
  legacyNames(...DISCOVERY_LEGACY, "min_roi", "min_velocity", ...ECONOMICS_LEGACY, "force_refresh"),
);
export type DiscoverWithScoringBody = z.infer<typeof discoverWithScoringBody>;

/** GET (query) or POST (body) /api/v1/niches/discover */
export const nichesInput = withLegacyAliases(
  z.lazy(() =>
    z
      .strictObject({
        domain: domainField,
        count: intField("count", 1, 5).default(3),
        strategy: strategyField.optional(),
        sellCondition: conditionField("sellCondition").optional(),
        costModel: costModelField.optional(),
        /** Replays a surprise: the same seed picks the same niches. @default random */
        seed: intField("seed", 0, 2 ** 31 - 1).optional(),
        /** false = the first `count` templates in catalogue order. @default true */
        shuffle: booleanField.default(true),
        forceRefresh: booleanField.default(false),
      })
      .superRefine((value, ctx) => checkEconomics({ ...value, strategy: value.strategy ?? "smart_velocity" }, ctx)),
  ),
  legacyNames("sell_condition", "cost_model", "force_refresh"),
);
export type NichesInput = z.infer<typeof nichesInput>;

/** GET /api/v1/keepa/test?asin= (`identifier` is the original's name). */
export const keepaTestQuery = withLegacyAliases(
  z.lazy(() =>
    z
      .strictObject({
        asin: z.string().trim().min(1).optional(),
        identifier: z.string().trim().min(1).optional(),
        domain: domainField,
        strategy: strategyField.default("smart_velocity"),
        ...economicsShape(),
        /** Fetch live offers (up to 12 tokens) instead of stats only (1 token). @default true */
        verify: booleanField.default(true),
        forceRefresh: booleanField.default(false),
      })
      .superRefine((value, ctx) => {
        if (value.asin === undefined && value.identifier === undefined)
          ctx.addIssue({ code: "custom", path: ["asin"], message: "asin is required (an ASIN, ISBN-10 or ISBN-13)" });
      })
      .superRefine(checkEconomics),
  ),
  legacyNames(...ECONOMICS_LEGACY, "force_refresh"),
);
export type KeepaTestQuery = z.infer<typeof keepaTestQuery>;
