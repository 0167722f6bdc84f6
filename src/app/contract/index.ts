// The API contract: every operation declared once with its zod schemas, and the OpenAPI 3.1 document built from
// them (served at /api/v1/openapi.json, rendered at /docs, the source of the dashboard's typed client).
import { TOKEN_COSTS } from "../../tokens/index.ts";
import type { CostRegistry } from "../../tokens/index.ts";
import { buildDocument } from "./document.ts";
import type { DocumentInfo } from "./document.ts";
import { operations } from "./operations/index.ts";

export const API_VERSION = "1.0.0";

/** The document for a deployment's token costs (its TOKEN_COSTS_OVERRIDE shows in the budgets). */
export function openApiDocument(costs: CostRegistry = TOKEN_COSTS, info: Partial<DocumentInfo> = {}) {
  return buildDocument(operations(), costs, { version: API_VERSION, ...info });
}

export { operations } from "./operations/index.ts";
export { problemsOf } from "./document.ts";
export type { Access, HttpMethod, Operation, Reply, Tag } from "./operation.ts";
export { PROBLEM_REASONS } from "./problems.ts";
export type { ProblemReason } from "./problems.ts";
