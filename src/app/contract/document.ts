import { createDocument } from "zod-openapi";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import type { ActionName, CostRegistry } from "../../tokens/index.ts";
import { headersObject } from "./headers.ts";
import type { HeaderName } from "./headers.ts";
import type { Operation } from "./operation.ts";
import { WEBHOOKS } from "./operations/webhooks.ts";
import { PROBLEM_REASONS, problemSchema } from "./problems.ts";
import type { ProblemReason } from "./problems.ts";

type Problems = Map<number, Set<ProblemReason>>;

const TOKEN_DENIALS: readonly ProblemReason[] = [
  "insufficient",
  "class_floor",
  "upstream_blocked",
  "quota",
  "state_unknown",
  "stale",
  "store_unavailable",
  "exceeds_capacity",
  "plan_exceeds_budget",
  "keepa_server",
  "keepa_invalid_response",
  "keepa_payment_required",
  "keepa_bad_request",
  "keepa_budget_exhausted",
  "keepa_timeout",
  "keepa_network",
];

const SIGNATURE: readonly ProblemReason[] = [
  "signature_missing",
  "signature_malformed",
  "signature_stale",
  "signature_mismatch",
  "webhook_disabled",
];

/** What the pipeline itself can answer for an operation, before its own problems: auth, input, tokens, database. */
function pipelineProblems(op: Operation): ProblemReason[] {
  const reasons: ProblemReason[] = ["internal"];
  if (op.access === "apiKey") reasons.push("unauthenticated", "auth_unavailable");
  if (op.access === "signature" || op.access === "internal") reasons.push(...SIGNATURE);
  if ((op.scopes ?? []).length > 0) reasons.push("missing_scope");
  // A body method's body is read (and refused when unreadable) whether or not the operation takes one.
  const bodyMethod = op.method === "post" || op.method === "put" || op.method === "patch";
  if (op.query || op.params || op.body || bodyMethod) reasons.push("invalid_input");
  if (op.body || bodyMethod) reasons.push("payload_too_large", "unsupported_media_type");
  if (op.action) reasons.push(...TOKEN_DENIALS);
  if (op.database !== false && op.access !== "public") reasons.push("database_unavailable");
  return reasons;
}

/** Every problem an operation can answer, by status. */
export function problemsOf(op: Operation): Problems {
  const byStatus: Problems = new Map();
  const add = (reason: ProblemReason, status: number = PROBLEM_REASONS[reason].status) => {
    const set = byStatus.get(status) ?? new Set<ProblemReason>();
    set.add(reason);
    byStatus.set(status, set);
  };
  for (const reason of pipelineProblems(op)) add(reason);
  for (const [status, reasons] of Object.entries(op.problems ?? {})) {
    for (const reason of reasons ?? []) add(reason, Number(status));
  }
  return byStatus;
}

const PROBLEM_HEADERS: Partial<Record<number, HeaderName[]>> = {
  401: ["WWW-Authenticate"],
  405: ["Allow"],
  412: ["ETag"],
  422: ["X-Token-Required", "X-Token-Balance"],
  429: ["Retry-After", "X-Token-Required", "X-Token-Balance"],
  503: ["Retry-After"],
  502: ["Retry-After"],
};

function responsesOf(op: Operation): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, reply] of Object.entries(op.replies)) {
    const content: Record<string, { schema?: never } | { schema: unknown }> = {};
    if (reply.schema) content["application/json"] = { schema: reply.schema as never };
    for (const [media, what] of Object.entries(reply.alternatives ?? {})) {
      content[media] = { schema: { type: "string", description: what } as never };
    }
    responses[status as "200"] = {
      description: reply.description,
      // A guarded answer always says the balance the ledger counted after it.
      headers: headersObject([...(reply.headers ?? []), ...(op.action ? (["X-Token-Balance"] as const) : [])]),
      ...(Object.keys(content).length > 0 ? { content: content as never } : {}),
    };
  }
  for (const [status, reasons] of [...problemsOf(op)].sort(([a], [b]) => a - b)) {
    const list = [...reasons];
    responses[String(status) as "400"] = {
      description: list.map((reason) => `\`${reason}\``).join(", "),
      headers: headersObject(PROBLEM_HEADERS[status] ?? []),
      content: { "application/problem+json": { schema: problemSchema(status, list) } },
    };
  }
  return responses;
}

function tokenNote(action: ActionName | undefined, costs: CostRegistry): string {
  if (action === undefined) return "Spends no Keepa tokens.";
  const { cost, class: tokenClass } = costs[action];
  return (
    `Token action \`${action}\` (${tokenClass}): reserves what its plan needs, at most ${cost} tokens, and settles ` +
    "what Keepa charged; the answer's `tokens` says what was metered."
  );
}

function securityOf(op: Operation) {
  if (op.access === "apiKey") return [{ apiKey: [...(op.scopes ?? [])] }];
  if (op.access === "public") return [];
  return [{ signature: [] }];
}

function operationObject(op: Operation, costs: CostRegistry): ZodOpenApiOperationObject {
  const requestParams = {
    ...(op.query ? { query: op.query } : {}),
    ...(op.params ? { path: op.params } : {}),
    ...(op.headers ? { header: op.headers } : {}),
  };
  const content: Record<string, unknown> = {};
  if (op.body) content["application/json"] = { schema: op.body };
  for (const [media, what] of Object.entries(op.rawBodies ?? {})) {
    content[media] = { schema: { type: "string", description: what } };
  }
  return {
    operationId: op.id,
    summary: op.summary,
    description: [op.description, tokenNote(op.action, costs)].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    security: securityOf(op),
    ...(Object.keys(requestParams).length > 0 ? { requestParams: requestParams as never } : {}),
    ...(op.body || op.rawBodies ? { requestBody: { required: false, content: content as never } } : {}),
    responses: responsesOf(op),
    "x-function": op.fn,
    ...(op.action ? { "x-token-action": op.action, "x-token-budget": costs[op.action].cost } : {}),
  } as ZodOpenApiOperationObject;
}

// The README's "API conventions", in short, so the docs page says them too.
const CONVENTIONS = [
  "The backend of a book-arbitrage sourcing tool on the Keepa API.",
  "",
  "- Fields are camelCase; the original app's snake_case request names are accepted as deprecated aliases.",
  "- Money is integer cents (`…Cents`), and every answer carrying money names its `currency` (ISO 4217).",
  "- Times are ISO 8601 in UTC (`…At`).",
  "- Lists take `limit` and `cursor` and answer `{items, limit, nextCursor}`; `nextCursor` is null on the last page.",
  "- Errors are `application/problem+json` with a `reason`; `type` is the reason's stable URI and `detail` a " +
    "sentence to show as is. A spending operation names its token action and budget (`x-token-action`, " +
    "`x-token-budget`); its refusals carry `Retry-After`, `X-Token-Balance` and `X-Token-Required`.",
].join("\n");

export type DocumentInfo = { version: string; serverUrl?: string };

/** The OpenAPI 3.1 document of the given operations, generated from their zod schemas (zod-openapi). */
export function buildDocument(operations: readonly Operation[], costs: CostRegistry, info: DocumentInfo) {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`Two operations for ${op.method.toUpperCase()} ${op.path}`);
    item[op.method] = operationObject(op, costs);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "ArbitrageVault API",
      version: info.version,
      description: CONVENTIONS,
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths: paths as never,
    webhooks: WEBHOOKS(),
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer av_… (scopes listed per use)" },
        signature: {
          type: "apiKey",
          in: "header",
          name: "X-Signature",
          description: 'sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>">, with X-Timestamp in unix seconds',
        },
      },
    },
  });
}
