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

/**
 * A deprecated request field name a schema still accepts: the documented (camelCase) name it stands for, and, when
 * the old field carried a different unit (dollars where the new one takes cents), how its value converts.
 */
export type LegacyAlias = string | { name: string; convert: (value: unknown) => unknown };

const LEGACY_ALIASES = new WeakMap<ZodType, Readonly<Record<string, LegacyAlias>>>();

/**
 * Registers deprecated top-level field names for a request schema (legacy name → documented name) and returns the
 * schema itself: the schema stays the strict camelCase object the document shows (and tests walk by its `shape`),
 * while `validate` renames the old keys before it checks. A request that sends both names keeps the old one, so the
 * strict schema refuses the ambiguity instead of silently preferring one.
 */
export function withLegacyAliases<S extends ZodType>(schema: S, aliases: Readonly<Record<string, LegacyAlias>>): S {
  LEGACY_ALIASES.set(schema, aliases);
  return schema;
}

/** The deprecated names a schema accepts (for the document and tests); empty when none. */
export function legacyAliasesOf(schema: ZodType): Readonly<Record<string, LegacyAlias>> {
  return LEGACY_ALIASES.get(schema) ?? {};
}

/** The input with the schema's legacy keys renamed (and converted); anything but a plain object is left alone. */
export function renameLegacyFields(schema: ZodType, input: unknown): unknown {
  const aliases = LEGACY_ALIASES.get(schema);
  if (!aliases || typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const given = input as Record<string, unknown>;
  // Built from entries, like queryObject: a `__proto__` key stays a key for the strict schema to refuse.
  return Object.fromEntries(
    Object.entries(given).map(([key, value]) => {
      const alias = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
      if (alias === undefined) return [key, value];
      const name = typeof alias === "string" ? alias : alias.name;
      if (Object.hasOwn(given, name)) return [key, value];
      return [name, typeof alias === "string" ? value : alias.convert(value)];
    }),
  );
}

/** Validates input (after renaming its legacy field names) or throws a 400 problem listing every offending field. */
export function validate<T>(schema: ZodType<T>, input: unknown, where: "query" | "body"): T {
  const result = schema.safeParse(renameLegacyFields(schema, input));
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
