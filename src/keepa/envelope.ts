import type { TokenEnvelope } from "./types.ts";

const ENVELOPE_FIELDS = [
  "timestamp",
  "tokensLeft",
  "refillIn",
  "refillRate",
  "tokenFlowReduction",
  "tokensConsumed",
  "processingTimeInMs",
] as const satisfies readonly (keyof TokenEnvelope)[];

/**
 * The token envelope of any parsed JSON body (200, 4xx, 429, 5xx), or undefined when it carries none.
 * Fields that are missing, null or not finite numbers are left out — never defaulted to 0 (api_backend#25).
 * Lenient on purpose: a malformed envelope must not hide the tokens a request did report.
 */
export function readEnvelope(body: unknown): TokenEnvelope | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const envelope: TokenEnvelope = {};
  let found = false;
  for (const field of ENVELOPE_FIELDS) {
    const value = record[field];
    if (typeof value === "number" && Number.isFinite(value)) {
      envelope[field] = value;
      found = true;
    }
  }
  return found ? envelope : undefined;
}

/** True only when the envelope proves the request was free (`tokensConsumed === 0`). */
export function provablyFree(envelope: TokenEnvelope | undefined): boolean {
  return envelope?.tokensConsumed === 0;
}
