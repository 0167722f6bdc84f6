import { describe, expect, it } from "vitest";
import { readEnvelope } from "../../src/keepa/envelope.ts";
import { isKeepaError } from "../../src/keepa/errors/is-keepa-error.ts";
import { KeepaResponseError } from "../../src/keepa/errors/response-error.ts";
import { formatPath, parsePayload } from "../../src/keepa/schemas/parse.ts";
import { productResponseSchema } from "../../src/keepa/schemas/responses.ts";
import { ERROR_FIXTURES, PRODUCT_FIXTURES, fixtureJson } from "./helpers/fixtures.ts";

describe("real Keepa product responses", () => {
  it.each(PRODUCT_FIXTURES)("%s parses without error and keeps unknown fields", (name) => {
    const body = fixtureJson(name);
    const parsed = parsePayload(productResponseSchema, body, { endpoint: "product" });
    expect(parsed.products).toHaveLength(1);
    const product = parsed.products[0]!;
    expect(product.asin).toMatch(/^[A-Z0-9]{10}$/);
    // Fields outside the schema pass through untouched (looseObject).
    expect((product as Record<string, unknown>).g).toBeTypeOf("number");
    expect(Object.keys(product).length).toBe(Object.keys((body as { products: object[] }).products[0]!).length);
  });

  it("keeps an explicit null csv and a csv of nulls as given", () => {
    const offers = parsePayload(productResponseSchema, fixtureJson("product-offers-B008N7TETU.json"));
    expect(offers.products[0]!.csv).toBeNull();
    const stub = parsePayload(productResponseSchema, fixtureJson("product-unknown-asin-stub-B08N5WRWNW.json"));
    expect(stub.products[0]!.csv).toHaveLength(34);
    expect(stub.products[0]!.csv!.every((slot) => slot === null)).toBe(true);
  });
});

describe("envelope", () => {
  it("reads every field from a real body", () => {
    expect(readEnvelope(fixtureJson("product-stats-B0F7XPYCSJ.json"))).toEqual({
      processingTimeInMs: 243,
      refillIn: 18_815,
      refillRate: 60,
      timestamp: 1_778_386_622_667,
      tokenFlowReduction: 0,
      tokensConsumed: 1,
      tokensLeft: 42,
    });
  });

  it.each(ERROR_FIXTURES)("reads the envelope of the error body %s (tokensConsumed 0)", (name) => {
    const envelope = readEnvelope(fixtureJson(name));
    expect(envelope?.tokensConsumed).toBe(0);
    expect(envelope?.refillRate).toBe(5);
  });

  it("leaves missing or malformed fields out instead of defaulting them to 0", () => {
    expect(readEnvelope({ tokensLeft: -31, refillIn: null, refillRate: "20" })).toEqual({ tokensLeft: -31 });
    expect(readEnvelope({ tokensLeft: 54.5 })).toEqual({ tokensLeft: 54.5 });
    expect(readEnvelope({ products: [] })).toBeUndefined();
    expect(readEnvelope(null)).toBeUndefined();
    expect(readEnvelope([1, 2])).toBeUndefined();
    expect(readEnvelope("tokensLeft")).toBeUndefined();
  });
});

describe("schema failures", () => {
  it("throw a typed invalid_response error naming the path", () => {
    const body = { products: [{ asin: "0593655036", csv: [null, [1, 2], [3, "x"]] }] };
    let caught: unknown;
    try {
      parsePayload(productResponseSchema, body, { endpoint: "product", status: 200 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KeepaResponseError);
    expect(isKeepaError(caught, "invalid_response")).toBe(true);
    const error = caught as KeepaResponseError;
    expect(error.path).toBe("products[0].csv[2][1]");
    expect(error.message).toContain("products[0].csv[2][1]");
    expect(error.status).toBe(200);
  });

  it("name a missing asin", () => {
    expect(() => parsePayload(productResponseSchema, { products: [{ title: "x" }] })).toThrow(/products\[0\]\.asin/);
  });

  it("format paths", () => {
    expect(formatPath(["products", 0, "csv", 3])).toBe("products[0].csv[3]");
    expect(formatPath([])).toBe("(root)");
  });
});
