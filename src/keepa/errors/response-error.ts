import { KeepaError } from "./keepa-error.ts";
import type { KeepaErrorInit } from "./keepa-error.ts";

/** The body was not JSON, or did not match the schema; `path` names the first offending field. */
export class KeepaResponseError extends KeepaError {
  override name = "KeepaResponseError" as const;
  declare readonly kind: "invalid_response";
  /** Location of the problem, e.g. `products[0].csv[3][1]`, or `(body)` for unparsable JSON. */
  readonly path: string;

  constructor(message: string, init: KeepaErrorInit & { path: string }) {
    super("invalid_response", message, init);
    this.path = init.path;
  }
}
