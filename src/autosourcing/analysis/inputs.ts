import { z } from "zod";
import {
  checkEconomics,
  conditionField,
  costModelField,
  DEFAULT_SCORING_CONFIG,
  strategyField,
} from "../../sourcing/index.ts";
import type { CostModel, StrategyName } from "../../sourcing/index.ts";
import { CONDITIONS } from "../../keepa/index.ts";
import type { Condition } from "../../keepa/index.ts";
import { withLegacyAliases } from "../../shared/index.ts";
import { ROW_STATUSES } from "./types.ts";
import type { AnalysisEconomics } from "./types.ts";

/**
 * The list's options (docs/api.md#analysis-fields): in the JSON body, or in the query string for an uploaded CSV
 * (costModel as a JSON string there). The rows themselves are checked one by one (rows.ts), never by the schema:
 * a bad row is reported, not fatal. `sell_condition` and `cost_model` are the deprecated names of the options.
 */
const optionsShape = () => ({
  /** @default smart_velocity */
  strategy: strategyField.optional(),
  /** @default the strategy's (used_good); a row's own condition wins */
  sellCondition: conditionField("sellCondition").optional(),
  /** For rows without their own cost. @default percentOfSell 40 %, or none when the list carries costs */
  costModel: costModelField.optional(),
});

const OPTION_ALIASES = { sell_condition: "sellCondition", cost_model: "costModel" } as const;

export const analyzeQuery = withLegacyAliases(
  z.lazy(() => z.strictObject(optionsShape())),
  OPTION_ALIASES,
);
export type AnalyzeQuery = z.infer<typeof analyzeQuery>;

/**
 * A row as the document shows it. The rows are read leniently (a bad row is reported, never fatal), so the schema
 * only describes them; `cost_cents` is the deprecated name of `costCents`.
 */
const ITEM_DOC = {
  anyOf: [
    { type: "string", description: "An ASIN, ISBN-10 or ISBN-13." },
    {
      type: "object",
      properties: {
        id: { type: "string", description: "An ASIN, ISBN-10 or ISBN-13." },
        costCents: { type: "integer", minimum: 0, description: "What this copy costs, in cents." },
        condition: { type: "string", enum: [...CONDITIONS], description: "The condition to sell it in." },
      },
      required: ["id"],
      additionalProperties: false,
    },
  ],
};

export const analyzeBody = withLegacyAliases(
  z.lazy(() =>
    z.strictObject({
      items: z.array(z.unknown().meta({ override: ({ jsonSchema }) => Object.assign(jsonSchema, ITEM_DOC) }), {
        error: "items must be a list of rows: [{id, costCents?, condition?}]",
      }),
      ...optionsShape(),
    }),
  ),
  OPTION_ALIASES,
);
export type AnalyzeBody = z.infer<typeof analyzeBody>;

type Options = { strategy?: StrategyName; sellCondition?: Condition; costModel?: CostModel };

/** The options with their defaults, checked across fields (an Amazon flip may not sell better than it buys). */
export const analysisOptions = z.lazy(() =>
  z
    .object({
      strategy: strategyField.default("smart_velocity"),
      sellCondition: conditionField("sellCondition").optional(),
      costModel: z.custom<CostModel>().optional(),
    })
    .superRefine((value, ctx) => checkEconomics(value, ctx))
    .transform((value): AnalysisEconomics => ({
      strategy: value.strategy,
      sellCondition: value.sellCondition ?? DEFAULT_SCORING_CONFIG.strategies[value.strategy].sellCondition,
      costModel: value.costModel,
    })),
);

/** The body's options win over the query's. */
export function mergedOptions(query: Options, body: Options | undefined): Options {
  const pick = (from: Options | undefined, name: keyof Options) => from?.[name];
  const out: Record<string, unknown> = {};
  for (const name of ["strategy", "sellCondition", "costModel"] as const) {
    const value = pick(body, name) ?? pick(query, name);
    if (value !== undefined) out[name] = value;
  }
  return out as Options;
}

/** `GET /api/v1/analyze/:id/results?cursor=&limit=&status=`: keyset pages in row order. */
export const analysisResultsQuery = z.lazy(() =>
  z.strictObject({
    /** The `nextCursor` of the previous page: the last row number it held. */
    cursor: z
      .string()
      .regex(/^\d{1,7}$/, { error: "cursor must be the nextCursor of the previous page" })
      .transform(Number)
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    status: z.enum(ROW_STATUSES).optional(),
  }),
);
export type AnalysisResultsQuery = z.infer<typeof analysisResultsQuery>;

export const analysisWorkerBody = z.lazy(() => z.strictObject({ analysisId: z.uuid() }));
export type AnalysisWorkerBody = z.infer<typeof analysisWorkerBody>;
