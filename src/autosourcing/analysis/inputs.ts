import { z } from "zod";
import {
  checkEconomics,
  conditionField,
  costModelField,
  DEFAULT_SCORING_CONFIG,
  strategyField,
} from "../../sourcing/index.ts";
import type { CostModel, StrategyName } from "../../sourcing/index.ts";
import type { Condition } from "../../keepa/index.ts";
import { ROW_STATUSES } from "./types.ts";
import type { AnalysisEconomics } from "./types.ts";

/**
 * The list's options (docs/api.md#analysis-fields): in the JSON body, or in the query string for an uploaded CSV
 * (cost_model as a JSON string there). The rows themselves are checked one by one (rows.ts), never by the schema:
 * a bad row is reported, not fatal.
 */
const optionsShape = {
  /** @default smart_velocity */
  strategy: strategyField.optional(),
  /** @default the strategy's (used_good); a row's own condition wins */
  sell_condition: conditionField("sell_condition").optional(),
  /** For rows without their own cost. @default percentOfSell 40 %, or none when the list carries costs */
  cost_model: costModelField.optional(),
};

export const analyzeQuery = z.strictObject(optionsShape);
export type AnalyzeQuery = z.infer<typeof analyzeQuery>;

export const analyzeBody = z.strictObject({
  items: z.array(z.unknown(), { error: "items must be a list of rows: [{id, cost_cents?, condition?}]" }),
  ...optionsShape,
});
export type AnalyzeBody = z.infer<typeof analyzeBody>;

type Options = { strategy?: StrategyName; sell_condition?: Condition; cost_model?: CostModel };

/** The options with their defaults, checked across fields (an Amazon flip may not sell better than it buys). */
export const analysisOptions = z
  .object({
    strategy: strategyField.default("smart_velocity"),
    sell_condition: conditionField("sell_condition").optional(),
    cost_model: z.custom<CostModel>().optional(),
  })
  .superRefine((value, ctx) => checkEconomics(value, ctx))
  .transform((value): AnalysisEconomics => ({
    strategy: value.strategy,
    sellCondition: value.sell_condition ?? DEFAULT_SCORING_CONFIG.strategies[value.strategy].sellCondition,
    costModel: value.cost_model,
  }));

/** The body's options win over the query's. */
export function mergedOptions(query: Options, body: Options | undefined): Options {
  const pick = (from: Options | undefined, name: keyof Options) => from?.[name];
  const out: Record<string, unknown> = {};
  for (const name of ["strategy", "sell_condition", "cost_model"] as const) {
    const value = pick(body, name) ?? pick(query, name);
    if (value !== undefined) out[name] = value;
  }
  return out as Options;
}

/** `GET /api/v1/analyze/:id/results?cursor=&limit=&status=`: keyset pages in row order. */
export const analysisResultsQuery = z.strictObject({
  /** The `nextCursor` of the previous page: the last row number it held. */
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, { error: "cursor must be the nextCursor of the previous page" })
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: z.enum(ROW_STATUSES).optional(),
});
export type AnalysisResultsQuery = z.infer<typeof analysisResultsQuery>;

export const analysisWorkerBody = z.strictObject({ analysisId: z.uuid() });
export type AnalysisWorkerBody = z.infer<typeof analysisWorkerBody>;
