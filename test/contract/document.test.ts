// The contract itself: a valid OpenAPI 3.1 document, covering every door in netlify/functions with the very
// schemas the door validates with, its scopes and its token action.
import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiDocument, operations } from "../../src/app/index.ts";
import type { EndpointHandler, Operation } from "../../src/app/index.ts";
import { DOORS_WITHOUT_PATH, doorNames } from "../helpers/contract.ts";

const FUNCTIONS = new URL("../../netlify/functions/", import.meta.url);

type Door = { name: string; handler: EndpointHandler; paths: string[] };

async function doors(): Promise<Door[]> {
  const files = readdirSync(FUNCTIONS).filter((file) => file.endsWith(".mts"));
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(new URL(file, FUNCTIONS).href)) as {
        default: EndpointHandler;
        config?: { path?: string | string[] };
      };
      const given = mod.config?.path;
      const paths = given === undefined ? [] : Array.isArray(given) ? given : [given];
      return { name: file.replace(/\.mts$/, ""), handler: mod.default, paths };
    }),
  );
}

const template = (path: string) => path.replaceAll(/:([A-Za-z]+)/g, "{$1}");

function scopesFor(handler: EndpointHandler, method: string): string[] {
  return handler.endpoint.scopes
    .filter((entry) => !entry.methods || (entry.methods as readonly string[]).includes(method))
    .map((entry) => entry.scope)
    .sort();
}

function accessOf(handler: EndpointHandler): readonly string[] {
  if (handler.endpoint.steps.includes("authenticate")) return ["apiKey"];
  if (handler.endpoint.steps.includes("signature")) return ["signature", "internal"];
  return ["public"];
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document whose every schema compiles as JSON Schema 2020-12", async () => {
    const doc = openApiDocument();
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ ...(doc as object), $id: "openapi" });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses: object }>)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const media of Object.keys((response as { content?: object }).content ?? {})) {
            const pointer = ["paths", path, method, "responses", status, "content", media, "schema"]
              .map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1"))
              .join("/");
            expect(() => ajv.compile({ $ref: `openapi#/${pointer}` }), `${method} ${path} ${status}`).not.toThrow();
          }
        }
      }
    }
  });

  it("has unique operation ids and declares every path parameter", () => {
    const ids = operations().map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations()) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      expect(Object.keys(op.params?.shape ?? {}).sort(), op.id).toEqual(names.sort());
    }
  });

  it("covers every function in netlify/functions: each path and method, with the door's own schemas and scopes", async () => {
    const all = await doors();
    expect(all.length).toBeGreaterThan(30);
    expect(doorNames().sort()).toEqual(all.map((door) => door.name).sort());
    for (const door of all) {
      const ops = operations().filter((op) => op.fn === door.name);
      const methods = door.handler.endpoint.methods.map((method) => method.toLowerCase());
      if (DOORS_WITHOUT_PATH.has(door.name)) {
        expect(door.paths, door.name).toEqual([]);
      } else {
        expect(door.paths.length, `${door.name} has a path`).toBeGreaterThan(0);
      }
      const paths = door.paths.length === 0 ? [`/.netlify/functions/${door.name}`] : door.paths.map(template);
      for (const [path, method] of paths.flatMap((p) => methods.map((m) => [p, m] as const))) {
        const op: Operation | undefined = ops.find((o) => o.method === method && o.path === path);
        expect(op, `${method.toUpperCase()} ${path} (${door.name}) is in the document`).toBeDefined();
        if (!op) continue;
        expect(op.query, `${op.id}: the door's query schema`).toBe(door.handler.endpoint.query);
        const bodyMethod = ["post", "put", "patch"].includes(method);
        expect(op.body, `${op.id}: the door's body schema`).toBe(bodyMethod ? door.handler.endpoint.body : undefined);
        expect([...(op.scopes ?? [])].sort(), `${op.id}: scopes`).toEqual(
          scopesFor(door.handler, method.toUpperCase()),
        );
        expect(accessOf(door.handler), `${op.id}: access`).toContain(op.access);
      }
      expect(ops.length, `${door.name}: no operation beyond its paths and methods`).toBe(paths.length * methods.length);
    }
  });
});
