import { z } from "zod";
import { PROBLEM_TYPE_BASE } from "../../shared/index.ts";

type Entry = { status: number; title: string; meaning: string };

/**
 * Every `reason` a problem can carry, its status and what the caller should do. The document lists these per
 * operation and describes each once (components.schemas.ProblemReason); a problem's `type` is its reason's URI.
 */
export const PROBLEM_REASONS = {
  invalid_input: { status: 400, title: "Bad Request", meaning: "A field fails its rules; `errors` names each one." },
  too_many_rows: { status: 400, title: "Bad Request", meaning: "The list is longer than the endpoint takes." },
  csv_no_identifier_column: {
    status: 400,
    title: "Bad Request",
    meaning: "The CSV has no id, asin or isbn column to read identifiers from.",
  },
  unauthenticated: { status: 401, title: "Unauthorized", meaning: "No API key, or one unknown or revoked." },
  signature_missing: { status: 401, title: "Unauthorized", meaning: "X-Signature or X-Timestamp is missing." },
  signature_malformed: { status: 401, title: "Unauthorized", meaning: "X-Signature or X-Timestamp is malformed." },
  signature_stale: { status: 401, title: "Unauthorized", meaning: "X-Timestamp is too far from the server clock." },
  signature_mismatch: { status: 401, title: "Unauthorized", meaning: "The signature does not cover this body." },
  missing_scope: { status: 403, title: "Forbidden", meaning: "The API key lacks the scope this method needs." },
  not_found: { status: 404, title: "Not Found", meaning: "No such resource, or not one this key may see." },
  method_not_allowed: { status: 405, title: "Method Not Allowed", meaning: "`Allow` lists the methods there are." },
  name_taken: { status: 409, title: "Conflict", meaning: "A profile with this name already exists." },
  idempotency_key_reused: {
    status: 409,
    title: "Conflict",
    meaning: "This Idempotency-Key was used for a different request.",
  },
  signature_replayed: { status: 409, title: "Conflict", meaning: "This signature was already used." },
  version_mismatch: {
    status: 412,
    title: "Precondition Failed",
    meaning: "If-Match names an older settings version; `currentVersion` is the one to base a change on.",
  },
  payload_too_large: { status: 413, title: "Payload Too Large", meaning: "The body is larger than the limit." },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported Media Type",
    meaning: "The body is not in a media type this endpoint reads.",
  },
  exceeds_capacity: {
    status: 422,
    title: "Action exceeds the Keepa plan",
    meaning: "The action costs more than the plan can ever hold; waiting will not help.",
  },
  plan_exceeds_budget: {
    status: 422,
    title: "Action exceeds its token budget",
    meaning: "Even the cheapest useful plan costs more than the action's budget; nothing was spent.",
  },
  if_match_required: {
    status: 428,
    title: "Precondition Required",
    meaning: "Send If-Match with the ETag of the settings you changed.",
  },
  insufficient: {
    status: 429,
    title: "Not enough Keepa tokens",
    meaning: "The shared balance is too low now; retry after Retry-After.",
  },
  class_floor: {
    status: 429,
    title: "Not enough Keepa tokens",
    meaning: "Batch work must leave interactive requests a reserve; retry after Retry-After.",
  },
  upstream_blocked: {
    status: 429,
    title: "Not enough Keepa tokens",
    meaning: "Keepa itself refused (its balance is in deficit); retry after Retry-After.",
  },
  quota: { status: 429, title: "Not enough Keepa tokens", meaning: "This key's own token quota is used up for now." },
  internal: { status: 500, title: "Internal Server Error", meaning: "A fault on our side; it has been reported." },
  keepa_server: { status: 502, title: "Bad Gateway", meaning: "Keepa answered with a server error." },
  keepa_invalid_response: { status: 502, title: "Bad Gateway", meaning: "Keepa answered something invalid." },
  keepa_payment_required: { status: 502, title: "Bad Gateway", meaning: "The Keepa subscription needs attention." },
  keepa_bad_request: { status: 502, title: "Bad Gateway", meaning: "Keepa rejected the request as malformed." },
  keepa_budget_exhausted: { status: 502, title: "Bad Gateway", meaning: "The request's token budget ran out." },
  keepa_timeout: { status: 503, title: "Keepa unavailable", meaning: "Keepa did not answer in time." },
  keepa_network: { status: 503, title: "Keepa unavailable", meaning: "Keepa could not be reached." },
  state_unknown: {
    status: 503,
    title: "Token balance unknown",
    meaning: "The ledger has no balance from Keepa yet; retry after Retry-After.",
  },
  stale: { status: 503, title: "Token balance unknown", meaning: "The ledger's balance is too old to trust." },
  store_unavailable: {
    status: 503,
    title: "Service Unavailable",
    meaning: "Redis (the token ledger) cannot be reached; nothing was spent.",
  },
  database_unavailable: {
    status: 503,
    title: "Database unavailable",
    meaning: "Postgres cannot be reached; nothing was written or spent.",
  },
  auth_unavailable: { status: 503, title: "Service Unavailable", meaning: "API keys cannot be checked right now." },
  not_ready: { status: 503, title: "Service Unavailable", meaning: "Redis or Postgres is unreachable." },
  fetch_incomplete: {
    status: 503,
    title: "Service Unavailable",
    meaning: "The product could not be fetched within the request's time; retry.",
  },
  worker_disabled: {
    status: 503,
    title: "Service Unavailable",
    meaning: "Background work is not configured on this deployment.",
  },
  webhook_disabled: {
    status: 503,
    title: "Service Unavailable",
    meaning: "Signed triggers are not configured on this deployment.",
  },
} as const satisfies Record<string, Entry>;

export type ProblemReason = keyof typeof PROBLEM_REASONS;

export const PROBLEM_REASON_NAMES = Object.keys(PROBLEM_REASONS) as [ProblemReason, ...ProblemReason[]];

const TYPE_PATTERN = new RegExp(`^${PROBLEM_TYPE_BASE.replaceAll(/[./]/g, (c) => `\\${c}`)}[a-z0-9-]+$`);

/** The problem body every error answer has; a response's schema narrows `reason` and `status` to its own. */
export function problemSchema(status: number, reasons: readonly ProblemReason[]) {
  const [first, ...rest] = reasons;
  return z.looseObject({
    type: z
      .string()
      .regex(TYPE_PATTERN)
      .meta({ description: "The reason's stable URI: the base, then the reason kebab-cased." }),
    title: z.string(),
    status: z.literal(status),
    reason: (first === undefined ? z.enum(PROBLEM_REASON_NAMES) : z.enum([first, ...rest])).meta({
      description: reasons.map((reason) => `\`${reason}\`: ${PROBLEM_REASONS[reason].meaning}`).join("\n"),
    }),
    detail: z.string().meta({ description: "A sentence for a person: what happened and what to do." }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Each invalid field (invalid_input)." }),
    retryAfterSeconds: z.number().int().nullable().optional(),
  });
}
