import { z } from "zod";
import { Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";

const Dependency = z.lazy(() =>
  z
    .discriminatedUnion("status", [
      z.object({ status: z.literal("up"), latencyMs: z.number() }),
      z.object({ status: z.literal("down"), latencyMs: z.number(), error: z.string() }),
    ])
    .meta({ id: "DependencyCheck" }),
);

const Checks = z.lazy(() => z.object({ redis: Dependency, postgres: Dependency }));

export const healthOperations = (): readonly Operation[] => [
  {
    id: "getHealth",
    method: "get",
    path: "/health",
    fn: "health",
    tag: "Health",
    summary: "Liveness: answers without any I/O",
    access: "public",
    database: false,
    replies: {
      200: {
        description: "The function runs.",
        schema: z.object({ status: z.literal("ok"), service: z.literal("arbitragevault"), time: Timestamp }),
      },
    },
  },
  {
    id: "getReadiness",
    method: "get",
    path: "/api/v1/health/ready",
    fn: "health-ready",
    tag: "Health",
    summary: "Readiness: Redis and Postgres reachable through the production clients",
    access: "public",
    database: false,
    replies: {
      200: { description: "Both stores answer.", schema: z.object({ status: z.literal("ready"), checks: Checks }) },
    },
    problems: { 503: ["not_ready"] },
  },
  {
    id: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    fn: "openapi",
    tag: "Health",
    summary: "This document (OpenAPI 3.1), generated from the schemas that validate requests and responses",
    access: "public",
    database: false,
    replies: { 200: { description: "The OpenAPI document.", schema: z.looseObject({ openapi: z.literal("3.1.0") }) } },
  },
];

const FALLBACK_METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The 404 fallback: every /api path no function claims is rewritten to it (netlify.toml). */
export const fallbackOperations = (): readonly Operation[] =>
  FALLBACK_METHODS.map((method) => ({
    id: `${method}Unmatched`,
    method,
    path: "/.netlify/functions/not-found",
    fn: "not-found",
    tag: "Internal",
    summary: "Any /api path no function claims: a JSON 404 instead of an HTML page",
    access: "public",
    database: false,
    replies: {},
    problems: { 404: ["not_found"] },
  }));
