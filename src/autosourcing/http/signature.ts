import { HttpProblem } from "../../shared/http/problem.ts";
import type { EndpointContext } from "../../shared/http/endpoint.ts";
import { SIGNATURE_WINDOW_MS, verifyRequest } from "../signing.ts";
import { rawBodyOf } from "./raw-body.ts";

const DETAIL = {
  missing: "Send X-Signature: sha256=<hex HMAC-SHA256 of \"<X-Timestamp>.<raw body>\"> and X-Timestamp (unix seconds).",
  malformed: "X-Signature must be sha256=<64 hex> and X-Timestamp unix seconds.",
  stale: `X-Timestamp is more than ${SIGNATURE_WINDOW_MS / 60_000} minutes from the server's clock; sign the request again.`,
  mismatch: "The signature does not match the body and timestamp.",
} as const;

/** 401 unless the request carries a valid, fresh HMAC signature over its raw body; nothing is read before this. */
export function requireSignature(ctx: EndpointContext, secret: string, now: number): string {
  const raw = rawBodyOf(ctx.request);
  const verdict = verifyRequest(secret, ctx.request.headers, raw, now);
  if (verdict.ok) return raw;
  ctx.log.set({ signature: verdict.reason });
  throw new HttpProblem({ title: "Unauthorized", status: 401, detail: DETAIL[verdict.reason], reason: `signature_${verdict.reason}` }, { "www-authenticate": "HMAC-SHA256" });
}
