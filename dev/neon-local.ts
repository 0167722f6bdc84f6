// Local stand-ins for Neon, so @neondatabase/serverless runs unchanged against a real Postgres
// (docs/platform.md#neon-postgres):
// 1. a WebSocket→TCP proxy (what neondatabase/wsproxy does) for Pool/Client;
// 2. the HTTP /sql endpoint of Neon's query protocol for neon(). Values stay Postgres text; the driver parses them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import pg from "pg";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";

export type NeonLocalOptions = { wsPort?: number; httpPort?: number };
export type RunningNeonLocal = { wsProxy: string; httpEndpoint: string; close(): Promise<void> };

const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

type SqlQuery = { query: string; params?: unknown[] };

function pipe(socket: WebSocket, address: string): void {
  const split = address.lastIndexOf(":");
  const tcp = net.connect(Number(address.slice(split + 1)), address.slice(0, split));
  const pending: Buffer[] = [];
  tcp.on("connect", () => pending.splice(0).forEach((chunk) => tcp.write(chunk)));
  socket.on("message", (data: Buffer) => (tcp.readyState === "open" ? tcp.write(data) : pending.push(data)));
  tcp.on("data", (data) => socket.send(data));
  tcp.on("close", () => socket.close());
  tcp.on("error", () => socket.close());
  socket.on("close", () => tcp.destroy());
}

async function run(client: pg.Client, query: SqlQuery) {
  const result = await client.query({
    text: query.query,
    values: query.params ?? [],
    rowMode: "array",
    types: RAW_TEXT,
  });
  return {
    fields: result.fields.map((field) => ({
      name: field.name,
      dataTypeID: field.dataTypeID,
      tableID: field.tableID,
      columnID: field.columnID,
      dataTypeSize: field.dataTypeSize,
      dataTypeModifier: field.dataTypeModifier,
      format: "text",
    })),
    command: result.command,
    rowCount: result.rowCount,
    rows: result.rows as unknown[],
    rowAsArray: true,
  };
}

function isolationClause(req: http.IncomingMessage): string {
  const level = req.headers["neon-batch-isolation-level"];
  const readOnly = req.headers["neon-batch-read-only"] === "true";
  const iso =
    typeof level === "string" && /^[A-Za-z]+$/.test(level)
      ? ` ISOLATION LEVEL ${level.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase()}`
      : "";
  return `BEGIN${iso}${readOnly ? " READ ONLY" : ""}`;
}

async function handleSql(req: http.IncomingMessage, body: { queries?: SqlQuery[] } & SqlQuery): Promise<unknown> {
  const client = new pg.Client({ connectionString: String(req.headers["neon-connection-string"] ?? "") });
  await client.connect();
  try {
    if (!body.queries) return await run(client, body);
    await client.query(isolationClause(req));
    try {
      const results = [];
      for (const query of body.queries) results.push(await run(client, query));
      await client.query("COMMIT");
      return { results };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sqlServer(): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      Promise.resolve()
        .then(() => handleSql(req, JSON.parse(Buffer.concat(chunks).toString("utf8")) as SqlQuery))
        .then((payload) => send(200, payload))
        .catch((error: Record<string, unknown> & Error) => {
          send(
            400,
            Object.fromEntries([
              ["message", error.message],
              ...ERROR_FIELDS.filter((key) => error[key] !== undefined).map((key) => [key, error[key]]),
            ]),
          );
        });
    });
  });
}

/** Binds both to 127.0.0.1 only: the /sql endpoint trusts the connection string it is handed. */
export async function startNeonLocal(options: NeonLocalOptions = {}): Promise<RunningNeonLocal> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: options.wsPort ?? 0 });
  wss.on("connection", (socket, req) => {
    pipe(socket, new URL(req.url ?? "/", "http://x").searchParams.get("address") ?? "127.0.0.1:5432");
  });
  await new Promise<void>((resolve) => wss.on("listening", resolve));
  const server = sqlServer();
  await new Promise<void>((resolve) => server.listen(options.httpPort ?? 0, "127.0.0.1", resolve));
  return {
    wsProxy: `127.0.0.1:${(wss.address() as AddressInfo).port}`,
    httpEndpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
