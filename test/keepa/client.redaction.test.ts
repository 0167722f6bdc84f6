import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createKeepaClient } from "../../src/keepa/client.ts";
import type { KeepaClient } from "../../src/keepa/client.ts";
import type { KeepaExchange } from "../../src/keepa/types.ts";
import { recordingMeter } from "./helpers/meter.ts";
import { envelope, sendJson, startTestServer } from "./helpers/server.ts";
import type { TestServer } from "./helpers/server.ts";

/** Shaped like a real Keepa key (64 alphanumerics), so the shape-based redaction is exercised too. */
const KEY = "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm1234567890qwertyuiopASDFG";

type Scenario = { name: string; setup: (server: TestServer) => void; call: (client: KeepaClient) => Promise<unknown> };

const one = (c: KeepaClient) => c.products({ domain: 1, asins: ["0593655036"] });

const SCENARIOS: Scenario[] = [
  {
    name: "429",
    setup: (s) => s.handle((req, res) => sendJson(res, 429, envelope({ tokensLeft: -5, tokensConsumed: 0 }), req)),
    call: one,
  },
  { name: "timeout", setup: (s) => s.handle(() => undefined), call: one },
  {
    name: "500 retried",
    setup: (s) => s.handle((req, res) => sendJson(res, 500, envelope({ tokensConsumed: 0 }), req)),
    call: one,
  },
  {
    name: "500 html",
    setup: (s) => s.handle((_req, res) => res.writeHead(500).end(`<pre>GET /product?key=${KEY}</pre>`)),
    call: one,
  },
  { name: "dropped", setup: (s) => s.handle((req) => req.socket.destroy()), call: one },
  {
    name: "schema",
    setup: (s) => s.handle((req, res) => sendJson(res, 200, { ...envelope(), products: [{ asin: 42 }] }, req)),
    call: one,
  },
  {
    name: "400 echoing the key",
    setup: (s) =>
      s.handle((req, res) =>
        sendJson(
          res,
          400,
          {
            ...envelope({ tokensConsumed: 0 }),
            error: { type: "invalidKey", message: `bad key ${KEY}`, details: `key=${KEY}` },
          },
          req,
        ),
      ),
    call: (c) => c.tokenStatus(),
  },
  {
    name: "402",
    setup: (s) =>
      s.handle((req, res) => sendJson(res, 402, { error: { message: "Invalid api key" }, tokensLeft: -1 }, req)),
    call: (c) => c.tokenStatus(),
  },
  {
    name: "non-json",
    setup: (s) => s.handle((_req, res) => res.writeHead(200).end(`key=${KEY}`)),
    call: (c) => c.tokenStatus(),
  },
];

describe("the API key never leaks", () => {
  let server: TestServer;
  const captured: string[] = [];
  const exchanges: KeepaExchange[] = [];
  const spies: { mockRestore(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      spies.push(
        vi
          .spyOn(console, method)
          .mockImplementation((...args: unknown[]) => captured.push(inspect(args, { depth: 10 }))),
      );
    }
  });
  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    await server.close();
  });

  function capture(error: unknown): void {
    const e = error as Error;
    captured.push(e.message, e.stack ?? "", String(e), JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }));
  }

  it.each(SCENARIOS)("$name", async ({ setup, call }) => {
    setup(server);
    const meter = recordingMeter();
    const client = createKeepaClient({
      apiKey: KEY,
      baseUrl: server.url,
      meter,
      retry: { baseDelayMs: 1 },
      timeouts: { default: 300, token: 300 },
    });
    const error = await call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    capture(error);
    exchanges.push(...meter.settles);
    for (const text of [...captured, JSON.stringify(meter.settles), inspect(meter.settles, { depth: 10 })]) {
      expect(text).not.toContain(KEY);
    }
    expect(server.requests.at(-1)?.query.get("key")).toBe(KEY);
  });

  it("also for a refused connection", async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const meter = recordingMeter();
    const error = await createKeepaClient({ apiKey: KEY, baseUrl: url, meter, retry: { baseDelayMs: 1 } })
      .tokenStatus()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    capture(error);
    exchanges.push(...meter.settles);
    expect(meter.settles).toHaveLength(3);
  });

  it("across everything captured", () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(SCENARIOS.length);
    const all = [...captured, JSON.stringify(exchanges), inspect(exchanges, { depth: 10, showHidden: true })].join(
      "\n",
    );
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(KEY.slice(0, 20));
    expect(all).toContain("[REDACTED]");
  });
});
