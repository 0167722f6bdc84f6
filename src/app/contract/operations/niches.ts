import { z } from "zod";
import { CONDITIONS } from "../../../keepa/index.ts";
import { nichesInput, STRATEGY_NAMES } from "../../../sourcing/index.ts";
import { Cents, Currency } from "../common.ts";
import type { Operation } from "../operation.ts";
import { aliasNote, ConfigVersion, CostModelEcho, CutNote, runFields, ScoredProduct } from "./products.ts";

const Range = z.lazy(() => z.object({ min: z.number().nullable(), max: z.number().nullable() }));

const Niche = z.lazy(() =>
  z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      icon: z.string(),
      strategy: z.enum(STRATEGY_NAMES),
      currency: Currency,
      categories: z.array(z.number().int()),
      bsrRange: Range,
      priceRange: z.object({ minCents: Cents, maxCents: Cents }),
      thresholds: z.object({
        minRoiPercent: z.number(),
        minVelocity: z.number(),
        minProfitCents: Cents,
        maxFbaSellers: z.number().int(),
      }),
      discovery: z.enum(["cache", "keepa", "failed"]),
      totalResults: z.number().int().nullable(),
      productsScored: z.number().int(),
      productsVerified: z.number().int(),
      productsFound: z.number().int(),
      avgRoi: z.number().nullable(),
      avgVelocity: z.number().nullable(),
      topProducts: z.array(ScoredProduct),
    })
    .meta({ id: "Niche", description: "A niche card: its template and its best scored products" }),
);

const Surprise = z.lazy(() =>
  z
    .object({
      niches: z.array(Niche),
      nichesCount: z.number().int(),
      skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
      requested: z.object({
        count: z.number().int(),
        strategy: z.enum(STRATEGY_NAMES).nullable(),
        seed: z.number().int(),
        shuffle: z.boolean(),
        sellCondition: z.enum(CONDITIONS).nullable(),
        costModel: CostModelEcho,
      }),
      metadata: z.object({ mode: z.literal("auto"), source: z.literal("curated_templates") }),
      cuts: z.array(CutNote),
      configVersion: ConfigVersion,
      ...runFields(),
    })
    .meta({ id: "NicheDiscovery" }),
);

const common = () =>
  ({
    path: "/api/v1/niches/discover",
    fn: "niches-discover",
    tag: "Niches",
    access: "apiKey",
    scopes: ["tokens:spend"],
    action: "surprise_me",
    description: aliasNote(nichesInput),
    query: nichesInput,
    replies: { 200: { description: "The niches found, with their best products.", schema: Surprise } },
  }) as const satisfies Partial<Operation>;

export const nichesOperations = (): readonly Operation[] => [
  { ...common(), id: "discoverNiches", method: "get", summary: '"Surprise me": options in the query string' },
  {
    ...common(),
    id: "discoverNichesPost",
    method: "post",
    summary: '"Surprise me": options in a JSON body (the query is read too; the body wins)',
    body: nichesInput,
  },
];
