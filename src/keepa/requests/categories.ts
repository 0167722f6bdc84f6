import { estimateCost } from "../costs.ts";
import { parsePayload } from "../schemas/parse.ts";
import { categoryResponseSchema } from "../schemas/responses.ts";
import type { KeepaCategory } from "../schemas/responses.ts";
import { checkDomain, invalidParams } from "./common.ts";
import type { Enveloped, Send } from "./common.ts";

export type CategoriesParams = {
  domain: number;
  /** Up to 10 category ids; `0` lists all root categories. */
  ids: readonly number[];
  /** Also return every parent up to the root. @default false */
  parents?: boolean;
};

export type SearchCategoriesParams = {
  domain: number;
  /** Keywords, each at least 3 characters; all must match. */
  term: string;
};

export type CategoriesResult = Enveloped & {
  categories: Record<string, KeepaCategory>;
  /** Only filled by `categories` with `parents: true`. */
  categoryParents: Record<string, KeepaCategory>;
};

export const CATEGORY_BATCH_LIMIT = 10;

/** `GET /category`: 1 token per request. */
export async function categories(send: Send, params: CategoriesParams): Promise<CategoriesResult> {
  const domain = checkDomain("category", params.domain);
  const ids = [...new Set(params.ids)];
  if (ids.length === 0 || ids.length > CATEGORY_BATCH_LIMIT) throw invalidParams("category", "give 1..10 category ids");
  if (ids.some((id) => !Number.isSafeInteger(id) || id < 0))
    throw invalidParams("category", "category ids must be non-negative integers");
  const reply = await send({
    endpoint: "category",
    path: "category",
    params: { domain, category: ids.join(","), parents: params.parents ? "1" : "0" },
    estimate: estimateCost("category"),
    timeoutClass: "default",
    payloadKey: "categories",
    parse: (body, init) => parsePayload(categoryResponseSchema, body, init),
  });
  return toResult(reply.payload, reply);
}

/** `GET /search?type=category`: 1 token; up to 50 matching categories. */
export async function searchCategories(send: Send, params: SearchCategoriesParams): Promise<CategoriesResult> {
  const domain = checkDomain("search", params.domain);
  const words = params.term.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.some((word) => word.length < 3)) {
    throw invalidParams("search", "every keyword needs at least 3 characters");
  }
  const reply = await send({
    endpoint: "search",
    path: "search",
    params: { domain, type: "category", term: words.join(" ") },
    estimate: estimateCost("search"),
    timeoutClass: "default",
    payloadKey: "categories",
    parse: (body, init) => parsePayload(categoryResponseSchema, body, init),
  });
  return toResult(reply.payload, reply);
}

function toResult(
  payload: {
    categories?: Record<string, KeepaCategory> | null;
    categoryParents?: Record<string, KeepaCategory> | null;
  },
  reply: Enveloped,
): CategoriesResult {
  return {
    categories: payload.categories ?? {},
    categoryParents: payload.categoryParents ?? {},
    envelope: reply.envelope,
    receivedAt: reply.receivedAt,
  };
}
