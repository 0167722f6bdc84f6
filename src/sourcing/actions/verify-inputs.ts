import { z } from "zod";
import { withLegacyAliases } from "../../shared/index.ts";
import { MAX_BSR, MAX_PRICE_DOLLARS } from "../discovery/limits.ts";
import { checkEconomics, conditionField, costModelField } from "./economics-inputs.ts";
import { domainField, strategyField } from "./inputs.ts";

/** POST /api/v1/products/:asin/verify — the seller's saved numbers (docs/api.md#verify-fields). */

const MAX_CENTS = MAX_PRICE_DOLLARS * 100;
/** More FBA offers than one listing plausibly carries is a typo, not a count. */
const MAX_FBA_COUNT = 10_000;

/** A JSON integer in a range: no coercion, so `null`, `true` or `"12"` are refused rather than read as numbers. */
const jsonInt = (name: string, min: number, max: number, unit = "a whole number") =>
  z
    .number({ error: `${name} must be ${unit}` })
    .int({ error: `${name} must be ${unit}` })
    .min(min, { error: `${name} must be between ${min} and ${max}` })
    .max(max, { error: `${name} must be between ${min} and ${max}` });

/** The numbers compared with today's; at least one of them. */
const SAVED_FIELDS = ["priceCents", "bsr", "fbaCount", "costCents"] as const;

export const verifyPurchaseBody = withLegacyAliases(
  z.lazy(() =>
    z
      .strictObject({
        /** The landed sell price the seller saw, in the sell condition (cents; > 0, a change is a share of it). */
        priceCents: jsonInt("priceCents", 1, MAX_CENTS, "a whole number of cents").optional(),
        /** The sales rank the seller saw (> 0, a change is a share of it). */
        bsr: jsonInt("bsr", 1, MAX_BSR).optional(),
        /** FBA offers in the sell condition the seller saw. */
        fbaCount: jsonInt("fbaCount", 0, MAX_FBA_COUNT).optional(),
        /** What the seller plans to pay (cents): the cost model (flatCents) unless `costModel` is given. */
        costCents: jsonInt("costCents", 0, MAX_CENTS, "a whole number of cents").optional(),
        domain: domainField,
        strategy: strategyField.default("smart_velocity"),
        /** @default the strategy's (used_good) */
        sellCondition: conditionField("sellCondition").optional(),
        /** @default flatCents costCents when given, else percentOfSell 40 % */
        costModel: costModelField.optional(),
      })
      .superRefine((value, ctx) => {
        if (SAVED_FIELDS.every((field) => value[field] === undefined))
          ctx.addIssue({
            code: "custom",
            path: ["priceCents"],
            message: `send at least one saved number to compare: ${SAVED_FIELDS.join(", ")}`,
          });
      })
      .superRefine(checkEconomics),
  ),
  {
    price_cents: "priceCents",
    fba_count: "fbaCount",
    cost_cents: "costCents",
    sell_condition: "sellCondition",
    cost_model: "costModel",
  },
);
export type VerifyPurchaseBody = z.infer<typeof verifyPurchaseBody>;
