import type { z } from "zod";
import { KeepaResponseError } from "../errors/response-error.ts";
import type { KeepaErrorInit } from "../errors/keepa-error.ts";

/** `["products", 0, "csv", 3]` → `products[0].csv[3]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

/** Validate a payload, or throw a `KeepaResponseError` naming the first failing path (no values, so no data leaks). */
export function parsePayload<S extends z.ZodType>(schema: S, body: unknown, init: KeepaErrorInit = {}): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  const what = issue ? `${issue.code}: ${issue.message}` : "invalid";
  const where = init.endpoint ? `/${init.endpoint}` : "Keepa";
  throw new KeepaResponseError(`Invalid ${where} response at ${path} (${what})`, { ...init, path });
}
