import { z } from "zod";
import { KEEPA_DOMAINS } from "../../keepa/requests/common.ts";
import { categoryListText, findCategory } from "../supported-categories.ts";
import type { SupportedCategory } from "../supported-categories.ts";
import { STRATEGY_NAMES } from "../types.ts";

/** Zod fields shared by the sourcing endpoints; query strings are coerced, JSON bodies take the same names. */

export const domainField = z.coerce
  .number({ error: "domain must be a Keepa domain id" })
  .int()
  .refine((d) => KEEPA_DOMAINS.includes(d), { error: `domain must be one of ${KEEPA_DOMAINS.join(", ")}` })
  .optional();

/** A category id or key; an unknown one lists the valid ones (R16: never a silent fallback to Books). */
export const categoryField = z
  .union([z.string().trim().min(1), z.number().int()], { error: "category must be a category id or name" })
  .transform((value, ctx): SupportedCategory => {
    const found = findCategory(value);
    if (found) return found;
    ctx.addIssue({ code: "custom", message: `unknown category "${value}"; valid categories: ${categoryListText()}` });
    return z.NEVER;
  })
  .optional();

export const strategyField = z.enum(STRATEGY_NAMES, { error: `strategy must be one of ${STRATEGY_NAMES.join(", ")}` });

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
export const booleanField = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")], {
  error: "must be true or false",
});
