import type { Services } from "../../shared/index.ts";
import { costRegistry } from "../../tokens/index.ts";
import { openApiDocument } from "../contract/index.ts";
import type { EndpointContext } from "../endpoint.ts";

let built: { key: string; text: string } | undefined;

/** The contract, built once per instance for its token costs; public, because a frontend needs it before a key. */
export async function openApi(_input: unknown, ctx: EndpointContext<Services>): Promise<Response> {
  const overrides = ctx.config.TOKEN_COSTS_OVERRIDE ?? "";
  if (built?.key !== overrides) {
    built = { key: overrides, text: JSON.stringify(openApiDocument(costRegistry(overrides))) };
  }
  // Already serialized: parsing it again to hand jsonResponse an object would undo the cache.
  return new Response(built.text, {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
}
