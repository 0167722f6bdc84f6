// End-to-end smoke: the functions bundled by netlify-cli exactly as for production, served over HTTP.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, waitForHttp } from "../helpers/ports.ts";

let server: ChildProcess;
let base: string;
let output = "";

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    "npx",
    ["netlify", "serve", "--offline", "--internal-disable-edge-functions", "--port", String(port)],
    {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, LOG_LEVEL: "info", NETLIFY_TELEMETRY_DISABLED: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForHttp(`${base}/health`, 300_000, () => server.exitCode !== null);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }
}, 320_000);

afterAll(() => {
  if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
});

describe("netlify serve (production bundling)", () => {
  it("GET /health → 200", async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /api/v1/health/ready → 200 with Redis and Postgres up", async () => {
    const response = await fetch(`${base}/api/v1/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ready",
      checks: { redis: { status: "up" }, postgres: { status: "up" } },
    });
  });

  it("unknown /api route → JSON 404; wrong method → 405 with Allow", async () => {
    const missing = await fetch(`${base}/api/v1/does-not-exist`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    const wrong = await fetch(`${base}/api/v1/health/ready`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});
