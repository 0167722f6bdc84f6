// A counting HTTP proxy in front of the Upstash bridge: every request an @upstash/redis client makes is one Redis
// round trip, so counting them here (across every process that points at us) is the ground truth for B1–B3.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SCRIPTS } from "../../src/tokens/index.ts";
import { upstashCompat } from "./upstash-compat.ts";

/**
 * HTTP requests (= round trips) and the commands inside them by kind: ledger scripts by name, other scripts, plain
 * commands.
 */
export type RedisCounts = { roundTrips: number; commands: Record<string, number> };

export type RedisCounter = { url: string; counts(): RedisCounts; reset(): void; close(): Promise<void> };

const LEDGER_SHAS = new Map(Object.values(SCRIPTS).map((s) => [s.sha1, `ledger:${s.name}`]));

function commandKind(command: unknown[]): string {
  const name = String(command[0]).toUpperCase();
  if (name === "EVALSHA") return LEDGER_SHAS.get(String(command[1])) ?? "evalsha:other";
  return name;
}

/** @upstash/redis auto-pipelines concurrent commands: one HTTP request may carry several. */
function commandsOf(path: string, body: string): string[] {
  try {
    const parsed = JSON.parse(body) as unknown[];
    if (path.startsWith("/pipeline") || path.startsWith("/multi-exec")) return (parsed as unknown[][]).map(commandKind);
    return [commandKind(parsed)];
  } catch {
    return ["unparsed"];
  }
}

export async function startRedisCounter(target: string): Promise<RedisCounter> {
  const counts = new Map<string, number>();
  let roundTrips = 0;
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const text = upstashCompat(
        Buffer.concat(chunks).toString("utf8"),
        path.startsWith("/pipeline") || path.startsWith("/multi-exec"),
      );
      const body = Buffer.from(text, "utf8");
      roundTrips += 1;
      for (const kind of commandsOf(path, text)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: upstream.host, "content-length": String(body.length) },
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      forward.on("error", (error) => {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error) }));
      });
      forward.end(body);
    });
  });
  // Keep-alive sockets from many clients: the default 5 s timeout would reset idle ones mid-benchmark.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ roundTrips, commands: Object.fromEntries(counts) }),
    reset: () => {
      counts.clear();
      roundTrips = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
