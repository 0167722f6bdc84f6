import { describe, expect, it } from "vitest";
import { z } from "zod";
import { authenticate, defineEndpoint } from "../../src/app/index.ts";
import { jsonResponse } from "../../src/shared/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { bearer } from "../auth/helpers.ts";
import { testRuntime } from "../helpers/runtime.ts";

const echo = defineEndpoint({
  name: "echo",
  methods: ["POST"],
  steps: [authenticate],
  body: z.object({ name: z.string().min(1), count: z.number().int().positive() }),
  handle: async ({ body }) => jsonResponse({ got: body }),
});

const boom = defineEndpoint({
  name: "boom",
  methods: ["GET"],
  steps: [authenticate],
  handle: async () => {
    throw new Error("secret internals: password=hunter2");
  },
});

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/echo", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...bearer(), ...headers },
  });

describe("defineEndpoint", () => {
  it("answers valid input with JSON and a request id", async () => {
    const response = await echo(
      post(JSON.stringify({ name: "a", count: 2 })),
      fakeContext({ requestId: "req-123456789" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-123456789");
    expect(await json(response)).toEqual({ got: { name: "a", count: 2 } });
  });

  it("maps a zod failure to 400 problem+json listing every field", async () => {
    const response = await echo(post(JSON.stringify({ name: "", count: "x" })), fakeContext());
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await json<{ errors: { field: string }[]; detail: string }>(response);
    expect(body.errors.map((error) => error.field).sort()).toEqual(["count", "name"]);
    expect(body.detail).toContain("name");
  });

  it("rejects malformed JSON with 400", async () => {
    const response = await echo(post("{not json"), fakeContext());
    expect(response.status).toBe(400);
    expect((await json(response)).detail).toBe("The body is not valid JSON.");
  });

  it("rejects a body over the limit with 413, whatever Content-Length says", async () => {
    const big = JSON.stringify({ name: "x".repeat(70_000), count: 1 });
    const response = await echo(post(big), fakeContext());
    expect(response.status).toBe(413);
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const response = await echo(new Request("http://localhost/api/v1/echo", { headers: bearer() }), fakeContext());
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("turns an unexpected error into a 500 without internals", async () => {
    const response = await boom(new Request("http://localhost/api/v1/boom", { headers: bearer() }), fakeContext());
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("secret internals");
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Internal Server Error" });
  });

  it("with the authenticate step: no key, 401 with WWW-Authenticate before the body is read", async () => {
    const response = await echo(
      new Request("http://localhost/api/v1/echo", { method: "POST", body: "{not json" }),
      fakeContext(),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(echo.endpoint).toMatchObject({ name: "echo", auth: "api_key", methods: ["POST"] });
  });

  it("puts the caller on the context, and leaves it undefined on public endpoints", async () => {
    const seen: unknown[] = [];
    const spec = {
      name: "who",
      methods: ["GET"] as const,
      handle: async (_input: unknown, ctx: { auth: unknown }) => (seen.push(ctx.auth), jsonResponse({})),
    };
    const open = defineEndpoint({ ...spec, steps: [] });
    const closed = defineEndpoint({ ...spec, steps: [authenticate] });
    expect((await open(new Request("http://localhost/who"), fakeContext())).status).toBe(200);
    expect((await closed(new Request("http://localhost/who", { headers: bearer() }), fakeContext())).status).toBe(200);
    expect(seen).toEqual([undefined, expect.objectContaining({ apiKeyId: "local", dailyTokenQuota: null })]);
  });

  describe("CORS", () => {
    it("answers preflight for an allowed origin and exposes the token headers", async () => {
      const runtime = testRuntime({ vars: { CORS_ALLOWED_ORIGINS: "https://app.example" } });
      const preflight = await echo.serve(
        new Request("http://localhost/api/v1/echo", {
          method: "OPTIONS",
          headers: { origin: "https://app.example" },
        }),
        fakeContext(),
        runtime,
      );
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(preflight.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
      const response = await echo.serve(
        post(JSON.stringify({ name: "a", count: 1 }), { origin: "https://app.example" }),
        fakeContext(),
        runtime,
      );
      expect(response.headers.get("access-control-expose-headers")).toBe(
        "Retry-After, X-Token-Balance, X-Token-Required, X-Request-Id, Content-Disposition, X-Export-Rows, X-Export-Truncated",
      );
      const stranger = await echo.serve(
        post(JSON.stringify({ name: "a", count: 1 }), { origin: "https://evil.example" }),
        fakeContext(),
        runtime,
      );
      expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    });
  });
});
