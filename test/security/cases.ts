// Hostile inputs for the bad-input suite: generated from each endpoint's own schemas, so new fields are covered.
import type { ZodType } from "zod";

export const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE api_keys; --",
  '") OR 1=1 --',
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1/a}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "\uD800",
  "\u202Etxt.exe",
  "🙂🙂🙂",
  "é".repeat(3000),
  "A".repeat(20_000),
  '{"$gt":""}',
  "__proto__",
  "constructor",
];

/** Every hostile JSON value a field might receive: wrong types, out-of-range numbers, injections, odd unicode. */
export const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -2_147_483_649,
  1.5,
  1e308,
  -1e308,
  Number("9007199254740993"),
  "",
  " ",
  "-1",
  "1e309",
  "NaN",
  ...INJECTIONS,
  [],
  [1, "a", null],
  {},
  { $gt: "" },
  JSON.parse('{"__proto__":{"polluted":true}}'),
];

/** Bodies that are not even acceptable JSON documents: always refused by the wrapper. */
export const MALFORMED_BODIES: { label: string; body: string | Uint8Array<ArrayBuffer>; contentType?: string }[] = [
  { label: "truncated JSON", body: '{"a":' },
  { label: "not JSON", body: "{not json" },
  { label: "trailing garbage", body: '{"a":1}garbage' },
  { label: "NUL byte", body: "\u0000" },
  { label: "single quotes", body: "{'a':1}" },
  { label: "invalid UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
  { label: "wrong content type", body: "{}", contentType: "text/plain" },
  { label: "form encoded", body: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
];

/** Fields of an object schema (zod v4 exposes `shape`); none for anything else. */
export function fieldsOf(schema: ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : [];
}

/** Candidate JSON bodies: whole-body nasties, each field alone, and every field at once. */
export function bodyCandidates(fields: readonly string[]): unknown[] {
  const out: unknown[] = [...NASTY_VALUES, "[".repeat(20_000) + "]".repeat(20_000)];
  for (const value of NASTY_VALUES) {
    for (const field of fields) out.push({ [field]: value });
    if (fields.length > 1) out.push(Object.fromEntries(fields.map((field) => [field, value])));
  }
  return out;
}

const asQueryValue = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));

/** Candidate query strings: each field set to each nasty value, repeated, and a junk-only query. */
export function queryCandidates(fields: readonly string[]): URLSearchParams[] {
  const out: URLSearchParams[] = [];
  for (const field of fields) {
    for (const value of NASTY_VALUES) out.push(new URLSearchParams([[field, asQueryValue(value)]]));
    out.push(
      new URLSearchParams([
        [field, "1"],
        [field, "2"],
      ]),
    );
  }
  for (const value of INJECTIONS) out.push(new URLSearchParams(fields.map((field) => [field, value])));
  return out;
}

/** Number literals JSON.stringify cannot produce: overflow to ±Infinity, or lose precision, when parsed. */
export function rawNumberBodies(fields: readonly string[]): string[] {
  const literals = ["1e400", "-1e400", "123456789012345678901234567890", "-0", "1e-400"];
  return fields.flatMap((field) => literals.map((literal) => `{${JSON.stringify(field)}:${literal}}`));
}
