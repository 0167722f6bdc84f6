import { KeepaError } from "./keepa-error.ts";
import type { KeepaErrorInit, KeepaErrorKind } from "./keepa-error.ts";

export type KeepaTransportErrorKind = Extract<KeepaErrorKind, "network" | "timeout">;

/**
 * No usable response: connection refused, dropped, or timed out (or refused locally because the deadline is too close).
 * `maybeCharged` is true once the request may have reached Keepa, because Keepa can charge a request whose answer we
 * never read (#143).
 */
export class KeepaTransportError extends KeepaError {
  override name = "KeepaTransportError" as const;
  declare readonly kind: KeepaTransportErrorKind;
  /** Low-level error code when known (e.g. "ECONNREFUSED", "UND_ERR_SOCKET"). */
  readonly code?: string;

  constructor(kind: KeepaTransportErrorKind, message: string, init: KeepaErrorInit & { code?: string }) {
    super(kind, message, init);
    this.code = init.code;
  }
}
