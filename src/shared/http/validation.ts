import { z } from "zod";
import type { ZodError, ZodType } from "zod";
import { problems } from "./problem.ts";

export type FieldError = { field: string; message: string };

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)",
    message: issue.message,
  }));
}

/** Validates input or throws a 400 problem that lists every offending field. */
export function validate<T>(schema: ZodType<T>, input: unknown, where: "query" | "body"): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const names = errors.map((entry) => entry.field).join(", ");
  throw problems.badRequest(`Invalid ${where}: ${names}.`, { errors });
}

/**
 * Query string → plain object; repeated keys become arrays. Built from entries so that a key such as `__proto__`
 * becomes a key (and is refused by a strict schema) instead of setting the object's prototype.
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  const keys = [...new Set(url.searchParams.keys())];
  return Object.fromEntries(
    keys.map((key) => {
      const values = url.searchParams.getAll(key);
      return [key, values.length === 1 ? (values[0] ?? "") : values];
    }),
  );
}

/**
 * Free text that will be stored: Postgres refuses the NUL character (U+0000) in text, so it is refused here, with a
 * message saying so, before anything is written.
 */
export const storedText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !text.includes("\u0000"), { error: "must not contain the NUL character (U+0000)" });
