import type { KeepaError, KeepaErrorKind } from "./keepa-error.ts";

/**
 * Type guard that also works across realms and duplicated module copies, where `instanceof` fails.
 * Pass `kind` to narrow to one kind.
 */
export function isKeepaError(value: unknown, kind?: KeepaErrorKind): value is KeepaError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { isKeepaError?: unknown; kind?: unknown };
  if (candidate.isKeepaError !== true) return false;
  return kind === undefined || candidate.kind === kind;
}
