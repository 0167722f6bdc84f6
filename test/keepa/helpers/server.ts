import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

export type SeenRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"] };
export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void;

export type TestServer = {
  url: string;
  requests: SeenRequest[];
  /** Replace the handler for the following requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
};

/** A throwaway HTTP server on port 0 that records every request it sees. */
export async function startTestServer(handler: Handler = (_req, res) => sendJson(res, 200, {})): Promise<TestServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const seen = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(seen);
    current(req, res, seen);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Respond with a JSON body (an object or raw fixture text), gzip-compressed when the client accepts it. */
export function sendJson(res: ServerResponse, status: number, body: unknown, req?: IncomingMessage): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const gzip = /\bgzip\b/.test(String(req?.headers["accept-encoding"] ?? ""));
  const payload = gzip ? gzipSync(text) : Buffer.from(text);
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(payload);
}

/** A full Keepa envelope for synthetic bodies. */
export function envelope(overrides: Record<string, number> = {}): Record<string, number> {
  return {
    timestamp: 1_760_409_339_280,
    tokensLeft: 1199,
    refillIn: 55_621,
    refillRate: 20,
    tokenFlowReduction: 0,
    tokensConsumed: 1,
    processingTimeInMs: 12,
    ...overrides,
  };
}
