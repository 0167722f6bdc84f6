import { describe, expect, it } from "vitest";
import { parseProductIdentifier } from "../../src/sourcing/catalogue/identifiers.ts";

describe("parseProductIdentifier", () => {
  it.each([
    ["B00FLIJJSA", { kind: "asin", asin: "B00FLIJJSA" }],
    ["0-306-40615-2", { kind: "asin", asin: "0306406152" }],
    ["080442957x", { kind: "asin", asin: "080442957X" }],
    ["978-0-306-40615-7", { kind: "isbn13", asin: "0306406152" }],
    ["979 10 90636 07 1", { kind: "code", code: "9791090636071" }],
  ])("%s → %j", (raw, expected) => {
    expect(parseProductIdentifier(raw)).toMatchObject(expected);
  });

  it.each([
    ["0306406153", "ISBN-10 check digit"],
    ["9780306406150", "ISBN-13 check digit"],
    ["1234567890123", "must be an ISBN-13"],
    ["B00", "expected an ASIN"],
  ])("%s → error %s", (raw, message) => {
    const parsed = parseProductIdentifier(raw);
    expect("error" in parsed && parsed.error).toContain(message);
  });
});
