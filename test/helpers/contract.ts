// The contract check every suite runs: each response a handler gives (test/setup/contract-tap.ts) and each one the
// browser receives (the e2e suites) is validated against the OpenAPI document, so a field that drifts fails a test.
import { readdirSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { openApiDocument } from "../../src/app/contract/index.ts";

type Doc = ReturnType<typeof openApiDocument>;
type Found = { path: string; method: string; operation: Record<string, unknown> };
export type Target = { fn: string; method: string } | { path: string; method: string };

let cached: { doc: Doc; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function state() {
  if (cached) return cached;
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...(doc as object), $id: "openapi" });
  cached = { doc, ajv, validators: new Map() };
  return cached;
}

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

function templateMatches(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replaceAll(/\{[^}]+\}/g, "[^/]+")}/?$`);
  return pattern.test(path);
}

function findOperation(target: Target): Found | undefined {
  const { doc } = state();
  const method = target.method.toLowerCase();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const operation = (item as Record<string, Record<string, unknown> | undefined>)[method];
    if (!operation) continue;
    if ("fn" in target ? operation["x-function"] === target.fn : templateMatches(path, target.path)) {
      return { path, method, operation };
    }
  }
  // A path no function claims is answered by the 404 fallback (netlify.toml's /api/* rewrite).
  // A path some function claims for other methods is a wrong method (405), not an unclaimed path.
  const claimed = Object.keys(doc.paths ?? {}).some((path) => !("fn" in target) && templateMatches(path, target.path));
  if (!("fn" in target) && !claimed && target.path.startsWith("/api/")) {
    return findOperation({ fn: "not-found", method });
  }
  return undefined;
}

function validatorFor(found: Found, status: string, media: string): ValidateFunction {
  const { ajv, validators } = state();
  const ref = `openapi#/${pointer("paths", found.path, found.method, "responses", status, "content", media, "schema")}`;
  let validator = validators.get(ref);
  if (!validator) {
    validator = ajv.compile({ $ref: ref });
    validators.set(ref, validator);
  }
  return validator;
}

/** Some method the target's path or function does have, to tell a wrong method from an unknown path. */
function otherMethod(target: Target): string {
  const { doc } = state();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      if ("fn" in target ? operation["x-function"] === target.fn : templateMatches(path, target.path)) return method;
    }
  }
  return target.method;
}

/** Why this response breaks the contract, or undefined when it keeps it. Reads a clone; the response is untouched. */
export async function contractViolation(target: Target, response: Response): Promise<string | undefined> {
  const found = findOperation(target);
  const label = "fn" in target ? `${target.method} ${target.fn}` : `${target.method} ${target.path}`;
  if (!found) {
    // A method a path does not have is no operation of its own: it must be the pipeline's 405 naming the others.
    if (response.status === 405 && findOperation({ ...target, method: otherMethod(target) }) !== undefined) {
      const body = (await response.clone().json()) as { reason?: unknown };
      return body.reason === "method_not_allowed" && response.headers.get("allow") !== null
        ? undefined
        : `${label}: a 405 must be method_not_allowed with Allow`;
    }
    return `${label}: no operation in the OpenAPI document`;
  }
  const where = `${found.method.toUpperCase()} ${found.path}`;
  const responses = found.operation.responses as Record<string, { content?: Record<string, unknown> }>;
  const status = String(response.status);
  const declared = responses[status];
  if (!declared) return `${where}: status ${status} is not declared (declared: ${Object.keys(responses).join(", ")})`;
  const media = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const content = declared.content ?? {};
  if (Object.keys(content).length === 0) return undefined;
  if (!(media in content)) return `${where} ${status}: content-type "${media}" is not declared`;
  if (!media.endsWith("json")) return undefined;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where} ${status}: the body is not JSON`;
  }
  const validate = validatorFor(found, status, media);
  if (validate(body)) return undefined;
  const errors = (validate.errors ?? [])
    .slice(0, 8)
    .map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`)
    .join("; ");
  return `${where} ${status}: the body breaks the contract: ${errors}\nbody: ${text.slice(0, 600)}`;
}

export class ContractViolation extends Error {
  override readonly name = "ContractViolation";
}

/** Throws when the response breaks the contract; returns it unchanged otherwise. */
export async function checkContract(target: Target, response: Response): Promise<Response> {
  const violation = await contractViolation(target, response);
  if (violation !== undefined) throw new ContractViolation(violation);
  return response;
}

/** The functions in netlify/functions, by endpoint name (each door's file name). */
export function doorNames(): string[] {
  return readdirSync(new URL("../../netlify/functions/", import.meta.url))
    .filter((file) => file.endsWith(".mts"))
    .map((file) => file.replace(/\.mts$/, ""));
}

/**
 * Doors with no public path: scheduled and background functions (at /.netlify/functions/<name>) and the 404
 * fallback that every unclaimed /api path is rewritten to.
 */
export const DOORS_WITHOUT_PATH = new Set([
  "not-found",
  "autosourcing-scheduler",
  "autosourcing-run-background",
  "analysis-run-background",
]);

/** The document the suites validate against (the one /api/v1/openapi.json serves). */
export const contractDocument = () => state().doc;
