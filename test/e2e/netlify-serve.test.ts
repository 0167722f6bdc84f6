// End-to-end smoke: the functions bundled by netlify-cli exactly as for production, served over HTTP, every answer
// checked against the contract; and the build's assets, so /docs loads Swagger UI from /vendor, not from a CDN.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, waitForHttp } from "../helpers/ports.ts";
import { watchContract } from "./dashboard/contract.ts";
import type { ContractWatch } from "./dashboard/contract.ts";

let server: ChildProcess;
let base: string;
let output = "";
let contract: ContractWatch;

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
  beforeEach(() => {
    contract = watchContract();
  });
  afterEach(async () => {
    expect(await contract.violations()).toEqual([]);
  });

  it("GET /health → 200", async () => {
    const response = await contract.fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /api/v1/health/ready → 200 with Redis and Postgres up", async () => {
    const response = await contract.fetch(`${base}/api/v1/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ready",
      checks: { redis: { status: "up" }, postgres: { status: "up" } },
    });
  });

  it("unknown /api route → JSON 404; wrong method → 405 with Allow", async () => {
    const missing = await contract.fetch(`${base}/api/v1/does-not-exist`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    // A method the path does not have: the contract check wants the pipeline's 405 method_not_allowed with Allow.
    const wrong = await contract.fetch(`${base}/api/v1/health/ready`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });

  it("GET /api/v1/openapi.json → the contract; /docs and its Swagger UI assets are served from the site", async () => {
    const document = await contract.fetch(`${base}/api/v1/openapi.json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ openapi: "3.1.0", info: { title: "ArbitrageVault API" } });
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain("/vendor/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "openapi-fetch.mjs"]) {
      const response = await fetch(`${base}/vendor/${asset}`);
      expect(response.status, asset).toBe(200);
      await response.arrayBuffer();
    }
  });
});
