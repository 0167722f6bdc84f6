export { KeepaError, withPartial } from "./keepa-error.ts";
export type { KeepaErrorBody, KeepaErrorInit, KeepaErrorKind } from "./keepa-error.ts";
export { KeepaHttpError } from "./http-error.ts";
export type { KeepaHttpErrorKind } from "./http-error.ts";
export { KeepaTransportError } from "./transport-error.ts";
export type { KeepaTransportErrorKind } from "./transport-error.ts";
export { KeepaResponseError } from "./response-error.ts";
export { KeepaBudgetError } from "./budget-error.ts";
export { isKeepaError } from "./is-keepa-error.ts";
