import { KeepaTransportError } from "./errors/transport-error.ts";
import { describeError, errorCode } from "./redact.ts";
import type { KeepaEndpoint } from "./types.ts";

/**
 * Codes that prove the request never reached Keepa (no connection was made), so it cannot have been charged.
 * Anything else (ECONNRESET, UND_ERR_SOCKET "other side closed", a body cut short) may come after Keepa charged.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export type FailureContext = { endpoint: KeepaEndpoint; timedOut: boolean; timeoutMs: number; apiKey: string };

/** Turn whatever fetch/ky threw into a key-free `KeepaTransportError`; the raw error is not kept. */
export function transportFailure(error: unknown, ctx: FailureContext): KeepaTransportError {
  const code = errorCode(error);
  if (ctx.timedOut) {
    return new KeepaTransportError("timeout", `Keepa /${ctx.endpoint} timed out after ${ctx.timeoutMs} ms`, {
      endpoint: ctx.endpoint,
      maybeCharged: true,
      sent: true,
      ...(code ? { code } : {}),
    });
  }
  const sent = !(code && NOT_SENT_CODES.has(code));
  const detail = describeError(error, ctx.apiKey);
  return new KeepaTransportError("network", `Keepa /${ctx.endpoint} network error: ${detail}`, {
    endpoint: ctx.endpoint,
    maybeCharged: sent,
    sent,
    ...(code ? { code } : {}),
  });
}

/** Refusal before sending because the attempt could outlive the caller's deadline. */
export function deadlineRefusal(endpoint: KeepaEndpoint, timeoutMs: number, remainingMs: number): KeepaTransportError {
  return new KeepaTransportError(
    "timeout",
    `Keepa /${endpoint} not sent: its ${timeoutMs} ms timeout exceeds the ${Math.max(0, remainingMs)} ms left ` +
      "before the deadline",
    { endpoint, maybeCharged: false, sent: false, code: "DEADLINE" },
  );
}
