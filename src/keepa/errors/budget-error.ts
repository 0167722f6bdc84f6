import { KeepaError } from "./keepa-error.ts";
import type { KeepaErrorInit } from "./keepa-error.ts";

/** Thrown by a meter's `admit()` to refuse an attempt; nothing is sent. */
export class KeepaBudgetError extends KeepaError {
  override name = "KeepaBudgetError" as const;
  declare readonly kind: "budget_exhausted";

  constructor(message: string, init: KeepaErrorInit = {}) {
    super("budget_exhausted", message, { ...init, sent: false, maybeCharged: false });
  }
}
