// Upstash REST protocol in front of a real Redis, so @upstash/redis runs unchanged locally
// (docs/platform.md#upstash-redis).
//   POST /            ["CMD", ...args]        -> {"result": ...} | {"error": "..."}
//   POST /pipeline    [["CMD", ...], ...]     -> [{"result"} | {"error"}, ...]   (not atomic)
//   POST /multi-exec  [["CMD", ...], ...]     -> same shape, atomic (MULTI/EXEC)
// With "Upstash-Encoding: base64" every bulk/simple string in a result is base64; numbers and null pass as-is.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis as IORedis } from "ioredis";

export type BridgeOptions = { port?: number; redisUrl?: string; token?: string };
export type RunningBridge = { url: string; token: string; close(): Promise<void> };
type Reply = { result: unknown } | { error: string };

function encode(value: unknown, base64: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString("utf8");
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  if (typeof value === "string") return base64 ? Buffer.from(value).toString("base64") : value;
  return value;
}

// Upper-case names bypass ioredis's reply transformers (lower-case "hgetall" would come back as an object).
function toArgv(command: unknown): [string, ...string[]] {
  if (!Array.isArray(command) || command.length === 0) throw new Error("ERR command must be a non-empty array");
  const [name, ...args] = command as unknown[];
  return [String(name).toUpperCase(), ...args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg)))];
}

function reply(error: Error | null | undefined, result: unknown, base64: boolean): Reply {
  return error ? { error: error.message } : { result: encode(result, base64) };
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
}

async function execute(redis: IORedis, path: string, body: unknown, base64: boolean): Promise<[number, unknown]> {
  if (path === "") {
    const [name, ...args] = toArgv(body);
    try {
      return [200, reply(null, await redis.callBuffer(name, ...args), base64)];
    } catch (error) {
      return [400, reply(error as Error, null, base64)];
    }
  }
  if (path !== "/pipeline" && path !== "/multi-exec") return [404, { error: `unknown path ${path}` }];
  if (!Array.isArray(body)) return [400, { error: "ERR body must be an array of commands" }];
  const batch = path === "/pipeline" ? redis.pipeline() : redis.multi();
  for (const command of body) {
    const [name, ...args] = toArgv(command);
    batch.callBuffer(name, ...args);
  }
  const results = (await batch.exec()) ?? [];
  return [200, results.map(([error, result]) => reply(error, result, base64))];
}

export async function startUpstashBridge(options: BridgeOptions = {}): Promise<RunningBridge> {
  const token = options.token ?? "local-upstash-token";
  const redis = new IORedis(options.redisUrl ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined); // surfaced per request as {"error"}; an unhandled event would crash the bridge
  let syncToken = 0;
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "upstash-sync-token": String(++syncToken) });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return send(405, { error: "only POST is supported" });
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://bridge").pathname.replace(/\/+$/, "");
    readJson(req)
      .then((body) => execute(redis, path, body, base64))
      .then(([status, body]) => send(status, body))
      .catch((error: unknown) =>
        send(400, {
          error: error instanceof SyntaxError ? "ERR failed to parse JSON body" : String((error as Error).message),
        }),
      );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
