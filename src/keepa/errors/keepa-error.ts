import type { KeepaEndpoint, TokenEnvelope } from "../types.ts";

export type KeepaErrorKind =
  | "not_enough_tokens"
  | "payment_required"
  | "bad_request"
  | "server"
  | "network"
  | "timeout"
  | "invalid_response"
  | "budget_exhausted";

/** The `error` object Keepa puts in a body (`{type, message, details}`), kept as sent. */
export type KeepaErrorBody = { type?: string; message?: string; details?: unknown };

export type KeepaErrorInit = {
  endpoint?: KeepaEndpoint;
  status?: number;
  envelope?: TokenEnvelope;
  body?: KeepaErrorBody;
  /** @default false */
  maybeCharged?: boolean;
  /** Whether the request left this process. @default true */
  sent?: boolean;
  /** Results already paid for before a later chunk failed (multi-request calls such as `products`). */
  partial?: unknown;
};

/**
 * Base of every error this module throws. Messages are built from the endpoint name and status only,
 * never from a URL, so the API key cannot leak through them; no raw transport error is kept as `cause`.
 */
export class KeepaError extends Error {
  override name: string = "KeepaError";
  readonly kind: KeepaErrorKind;
  readonly endpoint?: KeepaEndpoint;
  readonly status?: number;
  readonly envelope?: TokenEnvelope;
  readonly body?: KeepaErrorBody;
  readonly maybeCharged: boolean;
  readonly sent: boolean;
  readonly partial?: unknown;

  constructor(kind: KeepaErrorKind, message: string, init: KeepaErrorInit = {}) {
    super(message);
    this.kind = kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.envelope = init.envelope;
    this.body = init.body;
    this.maybeCharged = init.maybeCharged ?? false;
    this.sent = init.sent ?? true;
    this.partial = init.partial;
  }

  /** Cross-realm marker read by `isKeepaError`. */
  get isKeepaError(): true {
    return true;
  }
}

/**
 * The same failure, carrying what earlier requests of a multi-request call already paid for: a copy (same class,
 * fields and stack), so an error that others may hold is never changed after it was thrown.
 */
export function withPartial<E extends KeepaError>(error: E, partial: unknown): E {
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as E, error, {
    partial,
    stack: error.stack,
    message: error.message,
  });
}
