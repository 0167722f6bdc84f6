import { readFileSync } from "node:fs";

const DIR = new URL("../fixtures/", import.meta.url);

export const PRODUCT_FIXTURES = [
  "product-book-0593655036.json",
  "product-history-B00OHUQN3M.json",
  "product-offers-B008N7TETU.json",
  "product-stats-B0F7XPYCSJ.json",
  "product-unknown-asin-stub-B08N5WRWNW.json",
] as const;

export const ERROR_FIXTURES = [
  "error-200-product-invalid-offers.json",
  "error-400-deal-invalid-queryjson.json",
] as const;

/** Raw bytes of a real Keepa response (see fixtures/SOURCES.md). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, DIR), "utf8");
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}
