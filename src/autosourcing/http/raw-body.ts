import type { EndpointHandler, NetlifyHandler } from "../../shared/http/endpoint.ts";

const rawBodies = new WeakMap<Request, string>();

/**
 * A signature covers the exact bytes sent, but the endpoint wrapper consumes the body to parse it. This reads a
 * clone first and keeps its text for the handler (`rawBodyOf(ctx.request)`); the wrapper still enforces limits.
 */
export function withRawBody(handler: EndpointHandler): EndpointHandler {
  const outer: NetlifyHandler = async (request, context) => {
    if (request.body !== null) rawBodies.set(request, await request.clone().text());
    return handler(request, context);
  };
  return Object.assign(outer, { endpoint: handler.endpoint });
}

export function rawBodyOf(request: Request): string {
  return rawBodies.get(request) ?? "";
}
