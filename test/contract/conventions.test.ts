// The README's API conventions, checked over the whole document rather than trusted: a field that breaks one fails
// here whichever endpoint it is on.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument, PROBLEM_REASONS } from "../../src/app/index.ts";

type Schema = { [key: string]: unknown };
const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
};
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

/** Every object property below a schema, with where it was found; refs followed once each. */
function properties(
  schema: unknown,
  where: string,
  seen = new Set<string>(),
): { name: string; where: string; schema: Schema }[] {
  if (schema === null || typeof schema !== "object") return [];
  const node = schema as Schema;
  const out: { name: string; where: string; schema: Schema }[] = [];
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    const name = ref.slice("#/components/schemas/".length);
    if (seen.has(name)) return [];
    seen.add(name);
    return properties(doc.components.schemas[name], `${where} → ${name}`, seen);
  }
  for (const [name, child] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
    out.push({ name, where, schema: child });
    out.push(...properties(child, `${where}.${name}`, seen));
  }
  for (const key of ["items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"]) {
    const value = node[key];
    const list = Array.isArray(value) ? value : [value];
    for (const child of list) out.push(...properties(child, where, seen));
  }
  return out;
}

const resolve = (schema: Schema): Schema =>
  typeof schema.$ref === "string" ? resolve(doc.components.schemas[schema.$ref.split("/").pop() ?? ""] ?? {}) : schema;

function operations() {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op, label: `${method.toUpperCase()} ${path}` })),
  );
}

function successBodies() {
  return operations().flatMap(({ label, op }) =>
    Object.entries(op.responses as Record<string, { content?: Record<string, { schema?: Schema }> }>)
      .filter(([status]) => status.startsWith("2"))
      .flatMap(([status, response]) => {
        const schema = response.content?.["application/json"]?.schema;
        return schema ? [{ label: `${label} ${status}`, schema, op }] : [];
      }),
  );
}

describe("API conventions (README)", () => {
  it("names every field in camelCase, in requests and responses", () => {
    const offenders: string[] = [];
    for (const { label, op } of operations()) {
      for (const parameter of (op.parameters as { name: string; in: string }[] | undefined) ?? []) {
        if (parameter.in === "query" && !CAMEL.test(parameter.name)) offenders.push(`${label} ?${parameter.name}`);
      }
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      for (const found of properties(body?.["application/json"]?.schema, `${label} body`)) {
        if (!CAMEL.test(found.name)) offenders.push(`${found.where}.${found.name}`);
      }
    }
    for (const { label, schema } of successBodies()) {
      for (const found of properties(schema, label)) {
        // Keys of a map (additionalProperties) are data, not field names; only declared properties count.
        if (!CAMEL.test(found.name)) offenders.push(`${found.where}.${found.name}`);
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("sends money as integer cents and times as ISO 8601 date-times", () => {
    const offenders: string[] = [];
    for (const { label, schema } of successBodies()) {
      for (const found of properties(schema, label)) {
        const field = resolve(found.schema);
        const types = [field.type, ...((field.anyOf as Schema[] | undefined) ?? []).map((s) => resolve(s).type)];
        if (/Cents$/.test(found.name) && !types.includes("integer")) offenders.push(`${found.where}.${found.name}`);
        const formats = [field.format, ...((field.anyOf as Schema[] | undefined) ?? []).map((s) => resolve(s).format)];
        if (/At$/.test(found.name) && !formats.includes("date-time")) offenders.push(`${found.where}.${found.name}`);
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("names the currency beside the cents in every answer that carries money", () => {
    const offenders = successBodies()
      .filter(({ label, schema }) => properties(schema, label).some((found) => /Cents$/.test(found.name)))
      .filter(({ label, schema }) => !properties(schema, label).some((found) => found.name === "currency"))
      .map(({ label }) => label);
    expect(offenders).toEqual([]);
  });

  it("pages every list with limit, cursor and nextCursor", () => {
    const offenders: string[] = [];
    for (const { label, schema, op } of successBodies()) {
      const body = resolve(schema);
      const props = (body.properties as Record<string, Schema> | undefined) ?? {};
      if (!("items" in props)) continue;
      const query = ((op.parameters as { name: string; in: string }[] | undefined) ?? [])
        .filter((p) => p.in === "query")
        .map((p) => p.name);
      if (!query.includes("limit") || !query.includes("cursor")) offenders.push(`${label}: takes limit and cursor`);
      if (!("nextCursor" in props) || !("limit" in props)) offenders.push(`${label}: answers limit and nextCursor`);
    }
    expect(offenders).toEqual([]);
  });

  it("documents every problem reason in the README, each with its type URI", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = Object.keys(PROBLEM_REASONS).filter((reason) => !readme.includes(`| \`${reason}\` |`));
    expect(missing).toEqual([]);
  });
});
