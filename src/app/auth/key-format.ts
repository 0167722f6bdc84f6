import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `av_` + 48 hex chars (192 random bits); the local key (`av_local_…`) also fits the pattern. */
const KEY_PATTERN = /^av_[A-Za-z0-9_]{32,128}$/;
const PREFIX_LENGTH = 8;

export function generateApiKey(): string {
  return `av_${randomBytes(24).toString("hex")}`;
}

/** Unsalted SHA-256 is enough: keys carry 192 random bits, so there is nothing to brute-force or look up. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The part shown in listings and accepted by `keys revoke`, never enough to use the key. */
export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/** Cheap shape check, so junk never costs a database lookup. */
export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Constant-time equality on the hashes, so the comparison leaks nothing about the expected key. */
export function sameKey(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(given), "hex"), Buffer.from(hashApiKey(expected), "hex"));
}
/**
 * The fixed API key accepted in local mode only (simulator in use, no KEEPA_API_KEY), so scripts and tests can call
 * the API without a set-up step. Documented in .env.example; refused whenever a real Keepa key is configured.
 */
export const LOCAL_API_KEY = "av_local_0123456789abcdef0123456789abcdef";
