import { z } from "zod";
import { CONDITIONS, conditionRank } from "../../keepa/index.ts";
import type { Condition } from "../../keepa/index.ts";
import { parseProductIdentifier } from "../catalogue/identifiers.ts";
import { DEFAULT_SCORING_CONFIG } from "../scoring/config.ts";
import { MAX_PRICE_DOLLARS } from "../discovery/limits.ts";
import type { CostModel, StrategyName } from "../scoring/types.ts";
import type { ScoreViewOptions } from "../scoring/view.ts";

/** Request fields that choose the economics (docs/economics.md): sell condition, cost model, verification. */

const MAX_CENTS = MAX_PRICE_DOLLARS * 100;
/** A supplier's list analysed in one request; bigger lists belong to a batch job. */
export const MAX_PER_ITEM_COSTS = 1_000;

export const conditionField = (name: string) =>
  z.enum(CONDITIONS, { error: `${name} must be one of ${CONDITIONS.join(", ")}` });

const centsField = (name: string) =>
  z
    .number({ error: `${name} must be a number of cents` })
    .int({ error: `${name} must be whole cents` })
    .min(0, { error: `${name} must be between 0 and ${MAX_CENTS}` })
    .max(MAX_CENTS, { error: `${name} must be between 0 and ${MAX_CENTS}` });

/** perItem keys as the pipeline matches them: an ASIN (ISBN-10 and 978 ISBN-13 become one), or a 979 code. */
const itemCosts = () =>
  z
    .record(z.string(), centsField("cost"))
    .refine((items) => Object.keys(items).length > 0, "items must list at least one identifier")
    .refine(
      (items) => Object.keys(items).length <= MAX_PER_ITEM_COSTS,
      `items may list at most ${MAX_PER_ITEM_COSTS} identifiers`,
    )
    .transform((items, ctx) => {
      const out: Record<string, number> = {};
      for (const [raw, cents] of Object.entries(items)) {
        const id = parseProductIdentifier(raw);
        if ("error" in id) ctx.addIssue({ code: "custom", path: [raw], message: `"${raw.slice(0, 20)}": ${id.error}` });
        else out[id.kind === "code" ? id.code : id.asin] = cents;
      }
      return out;
    });

const costModelObject = () =>
  z.discriminatedUnion(
    "model",
    [
      z.strictObject({ model: z.literal("percentOfSell"), percent: z.number().gt(0).max(100) }),
      z.strictObject({ model: z.literal("flatCents"), cents: centsField("cents") }),
      z.strictObject({ model: z.literal("perItem"), items: itemCosts() }),
      z.strictObject({ model: z.literal("amazonOffer"), condition: conditionField("condition") }),
    ],
    { error: "model must be one of percentOfSell, flatCents, perItem, amazonOffer" },
  );

/** A cost model as JSON, or (in a query string) as a JSON string. */
export const costModelField = z.lazy(() =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, costModelObject()),
);

export type EconomicsFields = {
  strategy: StrategyName;
  sellCondition?: Condition | undefined;
  costModel?: CostModel | undefined;
  /** Dollars: the flatCents shorthand. */
  sourcePrice?: number | undefined;
};

/** The sell condition a request ends up with: its own, or its strategy's default. */
export const sellConditionOf = (fields: EconomicsFields): Condition =>
  fields.sellCondition ?? DEFAULT_SCORING_CONFIG.strategies[fields.strategy].sellCondition;

/**
 * Cross-field rules: `sourcePrice` is the flatCents shorthand, so not both; an Amazon flip cannot sell a copy in a
 * better condition than it was bought in.
 */
export function checkEconomics(value: EconomicsFields, ctx: z.RefinementCtx): void {
  if (value.sourcePrice !== undefined && value.costModel !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["sourcePrice"],
      message: "give either sourcePrice (a flat cost in dollars) or costModel, not both",
    });
  const model = value.costModel;
  const sell = sellConditionOf(value);
  if (model?.model === "amazonOffer" && conditionRank(model.condition) > conditionRank(sell))
    ctx.addIssue({
      code: "custom",
      path: ["costModel", "condition"],
      message: `a ${model.condition} copy cannot be sold as ${sell}: choose sellCondition ${model.condition} or worse`,
    });
}

/** How the request scores: its strategy, sell condition and cost model (sourcePrice = flatCents). */
export function scoringChoice(fields: EconomicsFields): ScoreViewOptions {
  const costModel: CostModel | undefined =
    fields.costModel ??
    (fields.sourcePrice === undefined
      ? undefined
      : { model: "flatCents", cents: Math.round(fields.sourcePrice * 100) });
  return { strategy: fields.strategy, sellCondition: sellConditionOf(fields), costModel };
}

/** A cost model as an answer echoes it: a per-item list by its size, not its thousand entries. */
export function costModelEcho(model: CostModel | undefined): Record<string, unknown> | null {
  if (!model) return null;
  return model.model === "perItem" ? { model: model.model, items: Object.keys(model.items).length } : { ...model };
}
