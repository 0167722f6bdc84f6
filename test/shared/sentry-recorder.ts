// Envelope recorder for Sentry (docs/platform.md#sentry): a node:http server the SDK posts to.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type EnvelopeItem = { header: { type?: string }; payload: Record<string, unknown> };
export type SentryEvent = {
  message?: string;
  level?: string;
  tags?: Record<string, string>;
  exception?: { values?: { value?: string }[] };
};

export type SentryRecorder = {
  dsn: string;
  /** Every byte received, decompressed: what the scrubbing assertions search. */
  raw: string[];
  items: EnvelopeItem[];
  events(): SentryEvent[];
  clear(): void;
  close(): Promise<void>;
};

function parseEnvelope(body: string): EnvelopeItem[] {
  const [, ...rest] = body.split("\n").filter(Boolean);
  const items: EnvelopeItem[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2)
    items.push({ header: JSON.parse(rest[i]!), payload: JSON.parse(rest[i + 1]!) });
  return items;
}

export async function startSentryRecorder(): Promise<SentryRecorder> {
  const raw: string[] = [];
  const items: EnvelopeItem[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let buffer = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") buffer = gunzipSync(buffer);
      const text = buffer.toString("utf8");
      raw.push(`${req.url ?? ""}\n${JSON.stringify(req.headers)}\n${text}`);
      items.push(...parseEnvelope(text));
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    raw,
    items,
    events: () => items.filter((item) => item.header.type === "event").map((item) => item.payload as SentryEvent),
    clear: () => {
      raw.length = 0;
      items.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
