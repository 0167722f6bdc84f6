import { describe, expect, it } from "vitest";
import health from "../../netlify/functions/health.mts";
import ready from "../../netlify/functions/health-ready.mts";
import notFound from "../../netlify/functions/not-found.mts";
import { startUpstashBridge } from "../../dev/upstash-bridge.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";

describe("GET /health", () => {
  it("is alive without I/O", async () => {
    const response = await health(new Request("http://localhost/health"), fakeContext());
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: "ok" });
  });
});

describe("GET /api/v1/health/ready", () => {
  it("is ready when Redis (via @upstash/redis) and Postgres (via Neon) answer", async () => {
    const response = await ready(new Request("http://localhost/api/v1/health/ready"), fakeContext());
    const body = await json<{ checks: Record<string, { status: string }> }>(response);
    expect(response.status).toBe(200);
    expect(body.checks.redis?.status).toBe("up");
    expect(body.checks.postgres?.status).toBe("up");
  });

  it("answers 503 with Retry-After naming Redis when Redis is down", async () => {
    // A real bridge in front of a Redis port nothing listens on: the production client sees what it would see.
    const bridge = await startUpstashBridge({ redisUrl: "redis://127.0.0.1:1", token: "dead" });
    const runtime = testRuntime({ vars: { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: "dead" } });
    try {
      const response = await ready.serve(new Request("http://localhost/api/v1/health/ready"), fakeContext(), runtime);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const body = await json<{ down: string[]; detail: string; checks: Record<string, { status: string }> }>(response);
      expect(body.down).toEqual(["redis"]);
      expect(body.detail).toContain("redis");
      expect(body.checks.postgres?.status).toBe("up");
    } finally {
      await bridge.close();
    }
  });

  it("answers 503 naming Postgres when the database is unreachable", async () => {
    const runtime = testRuntime({ vars: { DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:1/none" } });
    const response = await ready.serve(new Request("http://localhost/api/v1/health/ready"), fakeContext(), runtime);
    expect(response.status).toBe(503);
    expect((await json<{ down: string[] }>(response)).down).toEqual(["postgres"]);
  });
});

describe("unknown /api route", () => {
  it("answers a JSON 404", async () => {
    const response = await notFound(new Request("http://localhost/api/v1/nope"), fakeContext());
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await json(response)).detail).toBe("No endpoint at /api/v1/nope.");
  });
});
