import { z } from "zod";

/** Keepa sends `null` and omits keys interchangeably, so optional fields accept both. */
export const optNumber = z.number().nullable().optional();
export const optString = z.string().nullable().optional();
export const optBoolean = z.boolean().nullable().optional();
export const numberArray = z.array(z.number());
export const optNumberArray = numberArray.nullable().optional();
export const optStringArray = z.array(z.string()).nullable().optional();

/** The `error` object Keepa puts in a body; `details` is a string, null or anything else. */
export const errorBodySchema = z.looseObject({
  type: optString,
  message: optString,
  details: z.unknown().optional(),
});
