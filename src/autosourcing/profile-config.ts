import { z } from "zod";
import {
  checkEconomics,
  conditionField,
  costModelField,
  categoryListText,
  findCategory,
  MAX_BSR,
  MAX_PRICE_DOLLARS,
  orderedRanges,
  RECOMMENDATIONS,
  STRATEGY_NAMES,
} from "../sourcing/index.ts";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

const category = z.lazy(() =>
  z.union([z.string().trim().min(1).max(60), z.number().int()]).transform((value, ctx): number => {
    const found = findCategory(value);
    if (found) return found.id;
    // An unknown category is an error listing the valid ones, never a silent fallback to Books.
    ctx.addIssue({
      code: "custom",
      message: `unknown category "${String(value).slice(0, 60)}"; valid categories: ${categoryListText()}`,
    });
    return z.NEVER;
  }),
);

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const money = () => z.number().min(0).max(MAX_PRICE_DOLLARS);

/** The defaults of a profile's freshness: well under an hourly-to-daily scan interval. */
export const FRESHNESS_DEFAULTS = { productsMaxAgeMinutes: 120, discoveryMaxAgeMinutes: 360 } as const;

/**
 * How old the cached Keepa data a job of this profile may use is (interactive views keep the cache TTLs): older
 * products are fetched again, so a rescan sees BSR movement and its sightings are fresh.
 */
export const freshnessConfig = z.lazy(() =>
  z
    .strictObject({
      /** 5 min – 24 h. @default 120 */
      productsMaxAgeMinutes: int(5, 24 * 60).default(FRESHNESS_DEFAULTS.productsMaxAgeMinutes),
      /** 5 min – 7 days. @default 360 */
      discoveryMaxAgeMinutes: int(5, 7 * 24 * 60).default(FRESHNESS_DEFAULTS.discoveryMaxAgeMinutes),
    })
    .default({ ...FRESHNESS_DEFAULTS }),
);
export type FreshnessConfig = z.infer<typeof freshnessConfig>;

/** What a profile searches: one Product Finder page over its categories, then up to `maxResults` products detailed. */
export const discoveryConfig = z.lazy(() =>
  z
    .strictObject({
      /** Books subjects (ids or names); their union is searched. */
      categories: z.array(category).min(1).max(5),
      bsrMin: int(1, MAX_BSR).optional(),
      bsrMax: int(1, MAX_BSR).optional(),
      /** Dollars, on the NEW price. */
      priceMin: money().optional(),
      priceMax: money().optional(),
      /** @default true — listings Amazon sells are rejected anyway, so do not pay for them. */
      excludeAmazon: z.boolean().default(true),
      /** Products to detail and score (1 token each). @default 50 */
      maxResults: int(1, 100).default(50),
      /** The age of cached data a job may use. @default 120 min products, 360 min discovery */
      freshness: freshnessConfig,
    })
    .superRefine(
      orderedRanges([
        ["bsrMin", "bsrMax"],
        ["priceMin", "priceMax"],
      ]),
    ),
);
export type DiscoveryConfig = z.infer<typeof discoveryConfig>;

/** Which scored products become picks, and the economics they are scored with (docs/economics.md). */
export const scoringConfig = z.lazy(() =>
  z
    .strictObject({
      /** @default "smart_velocity" */
      strategy: z.enum(STRATEGY_NAMES).default("smart_velocity"),
      /** @default 20 */
      minRoi: z.number().min(-100).max(10_000).default(20),
      /** @default 0 */
      minVelocity: z.number().min(0).max(100).default(0),
      /** @default "CONSIDER" */
      minRecommendation: z.enum(RECOMMENDATIONS).default("CONSIDER"),
      /** Picks kept per job, best first. @default 20 */
      maxPicks: int(1, 100).default(20),
      /** @default the strategy's sell condition (used_good) */
      sellCondition: conditionField("sellCondition").optional(),
      /** @default percentOfSell 40 % */
      costModel: costModelField.optional(),
      /** Shorthand for costModel flatCents, in dollars (profiles saved before cost models have it). */
      sourcePrice: money().optional(),
      /** Best screened products verified with live offers per job, as far as the budget allows. @default 10 */
      verify: int(0, 50).default(10),
      /** Keep picks whose profit is below the strategy's minimum (otherwise they are SKIP). @default false */
      keepBelowMinProfit: z.boolean().default(false),
    })
    .superRefine((value, ctx) => checkEconomics(value, ctx)),
);
export type ScoringConfig = z.infer<typeof scoringConfig>;

/** Reads a stored profile's JSON with today's defaults (rows written by older versions stay readable). */
export function readDiscovery(value: unknown): DiscoveryConfig {
  return discoveryConfig.parse(value);
}

export function readScoring(value: unknown): ScoringConfig {
  return scoringConfig.parse(value ?? {});
}
