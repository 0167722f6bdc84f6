import { KeepaError } from "./keepa-error.ts";
import type { KeepaErrorInit, KeepaErrorKind } from "./keepa-error.ts";

export type KeepaHttpErrorKind = Extract<
  KeepaErrorKind,
  "not_enough_tokens" | "payment_required" | "bad_request" | "server"
>;

/** Keepa answered with an error status (429, 402, 4xx, 5xx) or with an `error` body instead of a payload. */
export class KeepaHttpError extends KeepaError {
  override name = "KeepaHttpError" as const;
  declare readonly kind: KeepaHttpErrorKind;
  declare readonly status: number;

  constructor(kind: KeepaHttpErrorKind, status: number, message: string, init: KeepaErrorInit = {}) {
    super(kind, message, { ...init, status });
  }
}
