// The deprecated snake_case request names (README, "API conventions"): renamed before the strict camelCase schema
// validates, never at the cost of the schema's own strictness.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { legacyAliasesOf, renameLegacyFields, validate, withLegacyAliases } from "../../src/shared/index.ts";
import { HttpProblem } from "../../src/shared/index.ts";

const schema = withLegacyAliases(z.strictObject({ maxResults: z.number().optional(), priceMinCents: z.number() }), {
  max_results: "maxResults",
  price_min: { name: "priceMinCents", convert: (value) => (typeof value === "number" ? value * 100 : value) },
});

describe("withLegacyAliases", () => {
  it("keeps the schema itself: the same object, its shape the documented names", () => {
    const plain = z.strictObject({ a: z.string() });
    expect(withLegacyAliases(plain, { b: "a" })).toBe(plain);
    expect(Object.keys(schema.shape)).toEqual(["maxResults", "priceMinCents"]);
    expect(legacyAliasesOf(schema)).toHaveProperty("max_results", "maxResults");
    expect(legacyAliasesOf(z.string())).toEqual({});
  });

  it("validate reads an old name as the new one, converting its unit when it changed", () => {
    expect(validate(schema, { max_results: 5, price_min: 3 }, "body")).toEqual({ maxResults: 5, priceMinCents: 300 });
    expect(validate(schema, { maxResults: 5, priceMinCents: 1 }, "body")).toEqual({ maxResults: 5, priceMinCents: 1 });
  });

  it("both names at once are refused, and a key such as __proto__ stays a key for the strict schema to refuse", () => {
    expect(() => validate(schema, { maxResults: 1, max_results: 2, priceMinCents: 1 }, "body")).toThrow(HttpProblem);
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "priceMinCents": 1}') as unknown;
    const renamed = renameLegacyFields(schema, hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(renamed)).toBe(Object.prototype);
    expect(() => validate(schema, hostile, "body")).toThrow(HttpProblem);
  });

  it("leaves anything but a plain object alone", () => {
    expect(renameLegacyFields(schema, null)).toBeNull();
    expect(renameLegacyFields(schema, [1])).toEqual([1]);
    expect(renameLegacyFields(z.object({}), { max_results: 1 })).toEqual({ max_results: 1 });
  });
});
