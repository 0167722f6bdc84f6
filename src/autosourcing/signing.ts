import { createHmac, timingSafeEqual } from "node:crypto";
import { isLocalMode } from "../shared/index.ts";
import type { AppConfig } from "../shared/index.ts";

/** How far a signed request's timestamp may be from our clock, either way (replays older than this are refused). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignedHeaders = { "x-signature": string; "x-timestamp": string };

export type Verdict = { ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/** `sha256=<hex>` of HMAC-SHA256 over `message`. */
export function hmacHex(secret: string, message: string): string {
  return `sha256=${createHmac("sha256", secret).update(message, "utf8").digest("hex")}`;
}

/**
 * Headers for a request whose body is `rawBody`: the HMAC covers `${timestamp}.${rawBody}` so neither can be swapped.
 */
export function signRequest(secret: string, rawBody: string, nowMs: number): SignedHeaders {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { "x-signature": hmacHex(secret, `${timestamp}.${rawBody}`), "x-timestamp": timestamp };
}

/** Constant-time comparison; unequal lengths are compared against themselves so timing says nothing either. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Checks X-Signature / X-Timestamp (unix seconds, ±5 min) against the raw body. */
export function verifyRequest(secret: string, headers: Headers, rawBody: string, nowMs: number): Verdict {
  const signature = headers.get("x-signature");
  const timestamp = headers.get("x-timestamp");
  if (signature === null || timestamp === null) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/i.test(signature))
    return { ok: false, reason: "malformed" };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return { ok: false, reason: "stale" };
  const expected = hmacHex(secret, `${timestamp}.${rawBody}`);
  return safeEqual(expected, signature.toLowerCase()) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/**
 * Local mode only (no Keepa key, Keepa on loopback): the fixed secret `npm run dev` works with. Never accepted when a
 * real Keepa key is configured, the same rule as the local API key.
 */
export const LOCAL_INTERNAL_SECRET = "arbitragevault-local-internal-signing-secret";

export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
}

/** The key signing scheduler → worker requests. */
export function internalSecret(config: AppConfig): string {
  if (config.INTERNAL_SIGNING_SECRET !== undefined) return config.INTERNAL_SIGNING_SECRET;
  if (isLocalMode(config)) return LOCAL_INTERNAL_SECRET;
  throw new MissingSecretError("INTERNAL_SIGNING_SECRET is not set: the scheduler cannot hand jobs to the worker");
}

/** The key outgoing completion webhooks are signed with; undefined = none configured. */
export function completionSecret(config: AppConfig): string | undefined {
  return config.COMPLETION_WEBHOOK_SECRET ?? config.WEBHOOK_SECRET;
}
