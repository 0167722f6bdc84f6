import { z } from "zod";
import { RECOMMENDATIONS, scoringConfigSchema, STRATEGY_NAMES, strategySchema } from "../../../sourcing/index.ts";
import { configBody, configChangesQuery, previewBody } from "../../endpoints/settings.ts";
import { Asin, Cents, Currency, page, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";

const Overrides = z.lazy(() =>
  z.record(z.string(), z.unknown()).meta({
    id: "ScoringOverrides",
    description:
      "A deep-partial ScoringConfig: only the keys that differ from the defaults (arrays replace wholesale).",
  }),
);

// The validating schema as the API shows it (src/app/endpoints/settings.ts): the strategies as the map they are (keyed
// by strategy name, not field names), each with its price range as `priceRange: {minCents, maxCents}`.
const ApiStrategy = z.lazy(() =>
  strategySchema
    .unwrap()
    .omit({ priceRangeCents: true })
    .extend({
      priceRange: z
        .object({ minCents: Cents, maxCents: Cents })
        .meta({ description: "The sell prices it sources in." }),
    }),
);
const ScoringConfig = z.lazy(() =>
  scoringConfigSchema
    .unwrap()
    .extend({ strategies: z.record(z.enum(STRATEGY_NAMES), ApiStrategy) })
    .meta({ id: "ScoringConfig", description: "The defaults with the overrides applied." }),
);

const ScoringSettings = z.lazy(() =>
  z
    .object({
      version: z.number().int().nonnegative().meta({ description: "0 is the defaults (nothing written yet)." }),
      currency: Currency.meta({
        description: "The currency the config's cents are in (the deployment's marketplace).",
      }),
      config: ScoringConfig,
      overrides: Overrides,
    })
    .meta({ id: "ScoringSettings", description: "The scoring settings in force (docs/scoring.md#configuration)." }),
);

const ScoringChange = z.lazy(() =>
  z
    .object({
      version: z.number().int().positive(),
      overrides: Overrides,
      createdAt: Timestamp,
      createdByKeyId: z.string().nullable().meta({ description: "The admin key that wrote it; null in local mode." }),
      note: z.string().nullable(),
    })
    .meta({ id: "ScoringChange" }),
);

const PreviewSide = z.lazy(() =>
  z.object({
    recommendation: z.enum(RECOMMENDATIONS),
    roiPercent: z.number().nullable(),
    maxBuyCents: Cents.nullable(),
  }),
);

const ScoringPreview = z.lazy(() =>
  z
    .object({
      configVersion: z.number().int().nonnegative().meta({ description: "The version `before` is scored with." }),
      strategy: z.enum(STRATEGY_NAMES),
      currency: Currency,
      products: z.array(
        z.object({ asin: Asin, title: z.string().nullable(), before: PreviewSide, after: PreviewSide }),
      ),
      missing: z.array(z.string()).meta({ description: "Requested ASINs not in the product cache (not scored)." }),
      tokens: z.object({ spent: z.literal(0) }),
    })
    .meta({ id: "ScoringPreview" }),
);

const IfNoneMatch = () =>
  z.object({
    "If-None-Match": z.string().optional().meta({ description: "An ETag from an earlier read: 304 when unchanged." }),
  });
const IfMatch = () =>
  z.object({
    "If-Match": z.string().meta({ description: "The ETag of the settings the change is based on (required)." }),
  });

export const settingsOperations = (): readonly Operation[] => [
  {
    id: "getScoringConfig",
    method: "get",
    path: "/api/v1/config",
    fn: "config",
    tag: "Settings",
    summary: "The scoring settings in force, with their version as ETag",
    access: "apiKey",
    headers: IfNoneMatch(),
    replies: {
      200: { description: "The settings.", schema: ScoringSettings, headers: ["ETag"] },
      304: { description: "If-None-Match names the current version.", headers: ["ETag"] },
    },
  },
  {
    id: "putScoringConfig",
    method: "put",
    path: "/api/v1/config",
    fn: "config",
    tag: "Settings",
    summary: "Replace the overrides (a new version), under If-Match",
    access: "apiKey",
    scopes: ["admin"],
    headers: IfMatch(),
    body: configBody,
    replies: { 200: { description: "The new version, in force.", schema: ScoringSettings, headers: ["ETag"] } },
    problems: { 412: ["version_mismatch"], 428: ["if_match_required"] },
  },
  {
    id: "listScoringChanges",
    method: "get",
    path: "/api/v1/config/changes",
    fn: "config-changes",
    tag: "Settings",
    summary: "The settings' audit log, newest first",
    access: "apiKey",
    query: configChangesQuery,
    replies: { 200: { description: "A page of versions.", schema: page(ScoringChange) } },
  },
  {
    id: "previewScoringConfig",
    method: "post",
    path: "/api/v1/config/preview",
    fn: "config-preview",
    tag: "Settings",
    summary: "Cached products scored with the current settings and with some overrides (0 tokens, no Keepa request)",
    access: "apiKey",
    body: previewBody,
    replies: { 200: { description: "Each cached product before and after.", schema: ScoringPreview } },
  },
];
