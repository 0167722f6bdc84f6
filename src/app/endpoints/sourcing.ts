import { z } from "zod";
import { problems, jsonResponse } from "../../shared/index.ts";
import {
  planDiscover,
  planDiscoverWithScoring,
  planProductLookup,
  planSurprise,
  SUPPORTED_CATEGORIES,
} from "../../sourcing/index.ts";
import type { DiscoverBody, DiscoverWithScoringBody, KeepaTestQuery, NichesInput } from "../../sourcing/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import { spendPlanned } from "../guard.ts";
import type { Runtime } from "../runtime.ts";
import { withScoringSettings } from "./settings.ts";

type Ctx = EndpointContext<Runtime>;

function required<T>(body: T | undefined): T {
  if (body === undefined) throw problems.badRequest("Send a JSON body.");
  return body;
}

/** POST /api/v1/products/discover — ASIN discovery (manual_search). */
export async function discoverProducts({ body }: { body: DiscoverBody | undefined }, ctx: Ctx): Promise<Response> {
  return spendPlanned(ctx, await planDiscover(required(body), ctx.runtime.planning));
}

/** POST /api/v1/products/discover_with_scoring — discovery, details and scoring (manual_search). */
export async function discoverWithScoring(
  { body }: { body: DiscoverWithScoringBody | undefined },
  ctx: Ctx,
): Promise<Response> {
  const { deps, versioned } = await withScoringSettings(ctx);
  return spendPlanned(ctx, versioned(await planDiscoverWithScoring(required(body), deps)));
}

/** GET|POST /api/v1/niches/discover — "Surprise me" (surprise_me): options in the query (GET) or the body (POST). */
export async function discoverNiches(
  input: { query: NichesInput; body: NichesInput | undefined },
  ctx: Ctx,
): Promise<Response> {
  const { deps, versioned } = await withScoringSettings(ctx);
  return spendPlanned(ctx, versioned(await planSurprise(input.body ?? input.query, deps)));
}

/** GET /api/v1/keepa/test?asin= — one ASIN or ISBN, normalized and scored (product_lookup). */
export async function lookupProduct({ query }: { query: KeepaTestQuery }, ctx: Ctx): Promise<Response> {
  const { deps, versioned } = await withScoringSettings(ctx);
  return spendPlanned(ctx, versioned(await planProductLookup(query, deps)));
}

export const categoriesQuery = z.lazy(() =>
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,12}$/, { error: "not a cursor this list handed out" })
      .optional()
      .meta({ description: "A page's `nextCursor`, unchanged" }),
  }),
);

/** GET /api/v1/products/categories — the categories discovery accepts, by id. Static: 0 tokens, no guard. */
export async function listCategories({ query }: { query: z.infer<typeof categoriesQuery> }): Promise<Response> {
  const after = query.cursor === undefined ? -Infinity : Number(query.cursor);
  const sorted = [...SUPPORTED_CATEGORIES].sort((a, b) => a.id - b.id).filter((c) => c.id > after);
  const items = sorted.slice(0, query.limit);
  const last = items.at(-1);
  // The cursor is the last id shown: the list is keyed by id, so a page never repeats or skips one.
  const nextCursor = sorted.length > query.limit && last ? String(last.id) : null;
  return jsonResponse({ items, limit: query.limit, nextCursor });
}
