import { getConfig } from "../../shared/config.ts";
import type { EndpointHandler, NetlifyHandler } from "../../shared/http/endpoint.ts";

const rawBodies = new WeakMap<Request, string>();
const DEFAULT_LIMIT = 64 * 1024;

function bodyLimit(): number {
  try {
    return getConfig().REQUEST_BODY_LIMIT_BYTES;
  } catch {
    return DEFAULT_LIMIT;
  }
}

/** The clone's text, or undefined once it passes `limit` bytes (read no further: these routes are public). */
async function readCapped(request: Request, limit: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return undefined;
  const reader = request.clone().body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new TextDecoder().decode(Buffer.concat(chunks));
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: a tee branch's cancel settles only once the other branch (the wrapper's read) is cancelled too.
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * A signature covers the exact bytes sent, but the endpoint wrapper consumes the body to parse it. This reads a
 * clone first, up to REQUEST_BODY_LIMIT_BYTES, and keeps its text for the handler (`rawBodyOf(ctx.request)`). A
 * larger body is not kept: the wrapper's own read of it stops at the same limit with a 413 before the handler runs.
 */
export function withRawBody(handler: EndpointHandler): EndpointHandler {
  const outer: NetlifyHandler = async (request, context) => {
    if (request.body !== null) {
      const raw = await readCapped(request, bodyLimit());
      if (raw !== undefined) rawBodies.set(request, raw);
    }
    return handler(request, context);
  };
  return Object.assign(outer, { endpoint: handler.endpoint });
}

export function rawBodyOf(request: Request): string {
  return rawBodies.get(request) ?? "";
}
