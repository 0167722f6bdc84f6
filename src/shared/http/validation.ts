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

/** Query string → plain object; repeated keys become arrays. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}
