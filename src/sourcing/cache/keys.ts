import { createHash } from "node:crypto";

/** Stable JSON: object keys sorted, so the same selection always hashes to the same cache key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A discovery list's id: its Product Finder selection, hashed (what a plan names as the cached list it used). */
export const discoveryListId = (selection: unknown): string =>
  createHash("sha256").update(canonicalJson(selection)).digest("hex").slice(0, 32);

/**
 * Cache keys live under the deployment's LEDGER_PREFIX, next to the ledger, so test files and deployments never mix.
 */
export const cacheKeys = {
  product: (prefix: string, domain: number, asin: string) => `${prefix}:cache:product:${domain}:${asin}`,
  /** A product code (979 ISBN-13 / EAN) → the ASIN Keepa matched it to, so a repeat lookup reads the product cache. */
  code: (prefix: string, domain: number, code: string) => `${prefix}:cache:code:${domain}:${code}`,
  discovery: (prefix: string, domain: number, selection: unknown) =>
    `${prefix}:cache:discovery:${domain}:${discoveryListId(selection)}`,
};
