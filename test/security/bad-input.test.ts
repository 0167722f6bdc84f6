// Every endpoint in netlify/functions, fed hostile input: 4xx problem+json, never a 500 or a stack trace, no Keepa
// call, no token spent. Endpoints are discovered from the directory, so new ones are covered without editing this file.
import type { Context } from "@netlify/functions";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import type { EndpointHandler } from "../../src/app/endpoint.ts";
import type { Runtime } from "../../src/app/index.ts";
import { bearer, startSimulatorForKeys } from "../auth/helpers.ts";
import { bodyCandidates, fieldsOf, INJECTIONS, MALFORMED_BODIES, queryCandidates, rawNumberBodies } from "./cases.ts";
import { testRuntime } from "../helpers/runtime.ts";

const FUNCTIONS_DIR = new URL("../../netlify/functions/", import.meta.url);
const files = readdirSync(FUNCTIONS_DIR)
  .filter((file) => /\.m?[jt]s$/.test(file))
  .sort();
type Loaded = { file: string; handler: EndpointHandler; path: string; params: string[] };

async function load(file: string): Promise<Loaded> {
  const module = (await import(new URL(file, FUNCTIONS_DIR).href)) as {
    default: EndpointHandler;
    config?: { path?: string | string[] };
  };
  const declared = module.config?.path;
  const path = (Array.isArray(declared) ? declared[0] : declared) ?? "/api/v1/__unrouted";
  return { file, handler: module.default, path, params: [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!) };
}
const endpoints = await Promise.all(files.map(load));

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
let running: RunningSimulator;
/** What every door is served on: this file's stack and simulator, with the signed trigger's secret. */
let runtime: Runtime;
let sent = 0;

function contextWith(params: Record<string, string> = {}): Context {
  return { requestId: "bad-input", params, waitUntil: () => undefined } as unknown as Context;
}

/** The one assertion every hostile request must pass. */
async function expectClientError(response: Response, label: string): Promise<void> {
  sent += 1;
  const text = await response.text();
  expect(response.status, `${label} → ${response.status} ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${label} → ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers.get("content-type"), label).toBe("application/problem+json");
  expect((JSON.parse(text) as { status: number }).status, label).toBe(response.status);
  expect(text, label).not.toMatch(/\n\s+at |node_modules|\.m?ts:\d+/);
}

function send(
  endpoint: Loaded,
  init: {
    method: string;
    query?: URLSearchParams;
    body?: string | Uint8Array<ArrayBuffer>;
    contentType?: string;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  },
): Promise<Response> {
  // A lone surrogate cannot be percent-encoded; a client would send U+FFFD in its place.
  const segment = (name: string) =>
    encodeURIComponent((init.params?.[name] ?? "x").replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
  const url = new URL(
    endpoint.path.replace(/:(\w+)/g, (_m, name: string) => segment(name)),
    "http://localhost",
  );
  if (init.query) url.search = init.query.toString();
  const headers = {
    ...(init.headers ?? bearer()),
    ...(init.body !== undefined ? { "content-type": init.contentType ?? "application/json" } : {}),
  };
  return endpoint.handler.serve(
    new Request(url, { method: init.method, headers, ...(init.body !== undefined ? { body: init.body } : {}) }),
    contextWith(init.params),
    runtime,
  );
}

beforeAll(async () => {
  running = await startSimulatorForKeys();
  // The signed trigger as deployed: with its secret set, unsigned hostile input gets 401
  // (unset, the route is off: 503).
  runtime = testRuntime({ vars: { WEBHOOK_SECRET: "bad-input-webhook-secret-0123456789" } });
});
afterAll(async () => {
  await running?.close();
});

describe("endpoint discovery", () => {
  it("finds every function and each is built with defineEndpoint", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(5);
    for (const endpoint of endpoints)
      expect(endpoint.handler.endpoint, `${endpoint.file} must use defineEndpoint`).toBeDefined();
  });

  it("every function but the probes, the contract, the 404 and the signed routes authenticates its caller", () => {
    const open = endpoints
      .filter((endpoint) => endpoint.handler.endpoint.auth === "public")
      .map((endpoint) => endpoint.handler.endpoint.name);
    const signed = endpoints
      .filter((endpoint) => endpoint.handler.endpoint.steps.includes("signature"))
      .map((endpoint) => endpoint.handler.endpoint.name);
    expect(signed.sort()).toEqual(["analysis-run-background", "autosourcing-run", "autosourcing-run-background"]);
    expect(open.sort()).toEqual([
      "analysis-run-background",
      "autosourcing-run",
      "autosourcing-run-background",
      "autosourcing-scheduler",
      "health",
      "health-ready",
      "not-found",
      "openapi",
    ]);
  });
});

describe.each(endpoints.map((endpoint) => [endpoint.file, endpoint] as const))("%s", (_file, endpoint) => {
  const meta = endpoint.handler.endpoint;
  const bodyMethods = meta.methods.filter((method) => BODY_METHODS.has(method));

  if (meta.auth === "api_key")
    it("refuses missing and malformed credentials with 401", async () => {
      for (const authorization of [
        undefined,
        "",
        "Bearer",
        "Bearer ' OR 1=1 --",
        `Bearer av_${"é".repeat(40)}`,
        `Bearer av_${"0".repeat(5000)}`,
        "Basic YTpi",
      ]) {
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        for (const method of meta.methods) {
          const response = await send(endpoint, {
            method,
            headers,
            ...(BODY_METHODS.has(method) ? { body: "{not json" } : {}),
          });
          expect(response.status).toBe(401);
          await expectClientError(
            response,
            `${method} with Authorization ${JSON.stringify(authorization)?.slice(0, 40)}`,
          );
        }
      }
    });

  it("answers undeclared methods with 405", async () => {
    for (const method of ALL_METHODS.filter((candidate) => !meta.methods.includes(candidate))) {
      await expectClientError(
        await send(endpoint, { method, ...(BODY_METHODS.has(method) ? { body: "{}" } : {}) }),
        `${method} (undeclared)`,
      );
    }
  });

  if (bodyMethods.length > 0)
    it("refuses malformed, oversized and schema-violating bodies", async () => {
      const limit = Math.max(runtime.config.REQUEST_BODY_LIMIT_BYTES, meta.bodyLimitBytes ?? 0);
      for (const method of bodyMethods) {
        for (const { label, body, contentType } of MALFORMED_BODIES) {
          await expectClientError(
            await send(endpoint, { method, body, ...(contentType ? { contentType } : {}) }),
            `${method} ${label}`,
          );
        }
        const oversized = await send(endpoint, { method, body: JSON.stringify({ padding: "x".repeat(limit) }) });
        expect(oversized.status).toBe(413);
        await expectClientError(oversized, `${method} oversized`);
        // A JSON body the endpoint's schema accepts is not bad input; without a schema the wrapper ignores the body.
        if (!meta.body) continue;
        const fields = fieldsOf(meta.body);
        const texts = [
          ...bodyCandidates(fields).map((candidate) => JSON.stringify(candidate)),
          ...rawNumberBodies(fields),
        ];
        for (const text of texts) {
          if (meta.body.safeParse(JSON.parse(text)).success) continue;
          await expectClientError(await send(endpoint, { method, body: text }), `${method} body ${text.slice(0, 80)}`);
        }
      }
    });

  if (meta.query !== undefined)
    it("refuses query strings its schema rejects", async () => {
      const method = meta.methods[0]!;
      for (const query of queryCandidates(fieldsOf(meta.query))) {
        const raw: Record<string, string | string[]> = {};
        for (const key of new Set(query.keys()))
          raw[key] = query.getAll(key).length > 1 ? query.getAll(key) : (query.get(key) ?? "");
        if (meta.query!.safeParse(raw).success) continue;
        await expectClientError(
          await send(endpoint, { method, query, ...(BODY_METHODS.has(method) ? { body: "{}" } : {}) }),
          `${method} ?${query.toString().slice(0, 80)}`,
        );
      }
    });

  if (endpoint.params.length > 0)
    it("refuses hostile path parameters", async () => {
      for (const value of INJECTIONS) {
        const params = Object.fromEntries(endpoint.params.map((name) => [name, value]));
        for (const method of meta.methods) {
          await expectClientError(
            await send(endpoint, { method, params, ...(BODY_METHODS.has(method) ? { body: "{}" } : {}) }),
            `${method} params ${value.slice(0, 40)}`,
          );
        }
      }
    });
});

describe("after the whole suite", () => {
  it("Keepa was never called and no token was reserved or spent", async () => {
    expect(sent).toBeGreaterThan(0);
    expect(running.sim.getLog()).toEqual([]);
    const status = await runtime.ledger.status();
    expect(status.reserved).toBe(0);
    expect(status.reservations).toEqual([]);
    expect(status.known).toBe(false);
  });
});
