import { z } from "zod";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

/** Keepa sends `null` and omits keys interchangeably, so optional fields accept both. */
export const optNumber = z.lazy(() => z.number().nullable().optional());
export const optString = z.lazy(() => z.string().nullable().optional());
export const optBoolean = z.lazy(() => z.boolean().nullable().optional());
export const numberArray = z.lazy(() => z.array(z.number()));
export const optNumberArray = z.lazy(() => numberArray.nullable().optional());
export const optStringArray = z.lazy(() => z.array(z.string()).nullable().optional());

/** The `error` object Keepa puts in a body; `details` is a string, null or anything else. */
export const errorBodySchema = z.lazy(() =>
  z.looseObject({
    type: optString,
    message: optString,
    details: z.unknown().optional(),
  }),
);
