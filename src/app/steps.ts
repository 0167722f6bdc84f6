import { createHash } from "node:crypto";
import { internalSecret, SIGNATURE_WINDOW_MS, verifyRequest } from "../autosourcing/index.ts";
import { HttpProblem, problems } from "../shared/index.ts";
import type { AppConfig } from "../shared/index.ts";
import { authenticate as authenticateRequest } from "./auth/authenticate.ts";
import type { ApiScope } from "./auth/types.ts";
import type { EndpointContext, Method, Step } from "./endpoint.ts";

/** `Authorization: Bearer <key>`: 401 unless it names an active key; the caller lands on `ctx.auth`. */
export const authenticate: Step = {
  name: "authenticate",
  async run(ctx) {
    ctx.auth = await authenticateRequest(ctx.request, ctx.runtime);
    ctx.log.set({ apiKeyId: ctx.auth.apiKeyId });
  },
};

/**
 * 403 unless the key holds `scope` — for the listed methods only (reading a profile needs no write scope). Runs
 * before input validation: a key that may not write learns that first, not what its body got wrong.
 */
export function scope(required: ApiScope, methods?: readonly Method[]): Step {
  return {
    name: "scope",
    scope: required,
    ...(methods ? { methods } : {}),
    run(ctx) {
      if (methods && !(methods as readonly string[]).includes(ctx.request.method.toUpperCase())) return;
      if (ctx.auth?.scopes.includes(required)) return;
      throw problems.forbidden(`This API key lacks the "${required}" scope.`);
    },
  };
}

const SIGNATURE_DETAIL = {
  missing: 'Send X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>"> and X-Timestamp (unix seconds).',
  malformed: "X-Signature must be sha256=<64 hex> and X-Timestamp unix seconds.",
  stale:
    `X-Timestamp is more than ${SIGNATURE_WINDOW_MS / 60_000} minutes from the server's clock; sign the request ` +
    "again.",
  mismatch: "The signature does not match the body and timestamp.",
} as const;

/** Where a signed route's key comes from; undefined = the route is switched off (503). */
export type SecretOf = (config: AppConfig) => string | undefined;

/**
 * An HMAC signature over "<X-Timestamp>.<raw body>" (±5 min): the only way into a public route that acts. Nothing
 * but the signature is looked at before it is verified.
 */
export function signature(secretOf: SecretOf, disabledDetail: string, options: SignatureOptions = {}): Step {
  return {
    name: "signature",
    async run(ctx: EndpointContext) {
      const secret = secretOf(ctx.config);
      if (secret === undefined) {
        throw new HttpProblem({
          title: "Service Unavailable",
          status: 503,
          detail: disabledDetail,
          reason: "webhook_disabled",
        });
      }
      const verdict = verifyRequest(secret, ctx.request.headers, await ctx.rawBody(), ctx.runtime.now());
      if (verdict.ok) {
        if (options.once) await claimSignature(ctx);
        return;
      }
      ctx.log.set({ signature: verdict.reason });
      const problem = {
        title: "Unauthorized",
        status: 401,
        detail: SIGNATURE_DETAIL[verdict.reason],
        reason: `signature_${verdict.reason}`,
      };
      throw new HttpProblem(problem, { "www-authenticate": "HMAC-SHA256" });
    },
  };
}

export type SignatureOptions = {
  /**
   * A signature admits one request: a captured one replayed within its window, or a duplicate delivery sent at the
   * same time, is refused (409). A sender that retries sends an Idempotency-Key, which the handler deduplicates.
   * @default false
   */
  once?: boolean;
};

/**
 * Remembers the signature for twice its window (SET NX), with the Idempotency-Key it came with: the first request
 * to claim it wins, atomically. A retry with the same key passes on (the handler answers it with the same job); the
 * key is not covered by the signature, so a replay under another key is refused like any replay.
 */
async function claimSignature(ctx: EndpointContext): Promise<void> {
  const signatureHeader = ctx.request.headers.get("x-signature") ?? "";
  const idempotency = ctx.request.headers.get("idempotency-key") ?? "";
  const digest = createHash("sha256").update(signatureHeader.toLowerCase()).digest("hex");
  const key = `${ctx.config.LEDGER_PREFIX}:signatures:${digest}`;
  let claimed: unknown;
  let holder: unknown;
  try {
    claimed = await ctx.runtime.redis.set(key, `k:${idempotency}`, { nx: true, px: 2 * SIGNATURE_WINDOW_MS });
    if (claimed !== "OK" && idempotency !== "") holder = await ctx.runtime.redis.get(key);
  } catch {
    const detail = "Signed requests cannot be checked for replay right now, so nothing was done — retry in 2 s.";
    throw problems.serviceUnavailable(detail, 2, "store_unavailable");
  }
  if (claimed === "OK" || holder === `k:${idempotency}`) return;
  ctx.log.set({ signature: "replayed" });
  const detail = "This signature was already used: sign each request anew, or retry with the same Idempotency-Key.";
  throw new HttpProblem({ title: "Conflict", status: 409, detail, reason: "signature_replayed" });
}

/** The scheduler's key for its calls to the background worker. */
export const internalSignature = signature(internalSecret, "The worker cannot verify requests: no signing secret.");
