// node:http front-end of the simulator: Keepa paths plus the /__sim control API, gzip on request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { handleControl } from "./control.ts";
import { KeepaSimulator } from "./simulator.ts";
import type { SimulatorOptions } from "./options.ts";

export { DEV_KEEPA_KEY } from "./options.ts";
export type { SimulatorOptions, KeyConfig } from "./options.ts";
export type { SimClockMode } from "./clock.ts";
export { KeepaSimulator } from "./simulator.ts";

export type RunningSimulator = { url: string; port: number; close(): Promise<void>; sim: KeepaSimulator };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const json = Buffer.from(JSON.stringify(body), "utf8");
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const payload = gzip ? gzipSync(json) : json;
  const headers: Record<string, string | number> = {
    "content-type": "application/json;charset=UTF-8",
    "content-length": payload.length,
  };
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(status, headers);
  res.end(payload);
}

export async function startKeepaSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new KeepaSimulator(options);
  const holds = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    handle(sim, req, res, holds).catch((err: unknown) => {
      console.error("keepa-simulator: request failed", err);
      send(req, res, 500, { error: { type: "simulatorBug", message: String(err), details: null } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  const close = async (): Promise<void> => {
    for (const timer of holds) clearTimeout(timer);
    holds.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, port, close, sim };
}

async function handle(
  sim: KeepaSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  holds: Set<NodeJS.Timeout>,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = (req.method ?? "GET").toUpperCase();
  const body = await readBody(req);
  if (url.pathname === "/__sim" || url.pathname.startsWith("/__sim/")) {
    const result = handleControl(sim, method, url.pathname, url.searchParams, body);
    send(req, res, result.status, result.body);
    return;
  }
  const result = await sim.handle({ method, path: url.pathname, params: url.searchParams, body });
  if (result.drop) {
    // "Timed out but charged": the charge is settled, the client only sees a broken connection.
    req.socket.destroy();
    return;
  }
  if (result.holdMs > 0) {
    const timer = setTimeout(() => {
      holds.delete(timer);
      send(req, res, result.status, result.body);
    }, result.holdMs);
    holds.add(timer);
    return;
  }
  send(req, res, result.status, result.body);
}
