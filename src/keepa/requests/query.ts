import { QUERY_MIN_PER_PAGE, estimateCost } from "../costs.ts";
import { parsePayload } from "../schemas/parse.ts";
import { queryResponseSchema } from "../schemas/responses.ts";
import { checkDomain, invalidParams } from "./common.ts";
import type { Enveloped, Send } from "./common.ts";

/**
 * A Product Finder selection (docs/keepa.md#product-finder): hundreds of `*_gte` / `*_lte` filters, passed through as
 * given. Prices are in cents, e.g. `{ rootCategory: 283155, current_SALES_lte: 100000, current_NEW_gte: 1500 }`.
 */
export type ProductFinderSelection = {
  /** 0-based page. @default 0 */
  page?: number;
  /** Results per page; raised to 50 when lower, because Keepa rejects less. @default 50 */
  perPage?: number;
  /** Up to three `[field, "asc" | "desc"]` keys. */
  sort?: [string, "asc" | "desc"][];
  [filter: string]: unknown;
};

export type QueryParams = { domain: number; selection: ProductFinderSelection };

export type QueryResult = Enveloped & {
  asinList: string[];
  /** Matches across all pages, when Keepa reports it. */
  totalResults: number | null;
  /** The page size actually sent (≥ 50). */
  perPage: number;
};

/** Keepa caps paging at 10 000 results (`page × perPage ≤ 10 000`). */
export const QUERY_MAX_RESULTS = 10_000;

/** `GET /query` (Product Finder): 10 tokens + 1 per 100 results of the page. */
export async function query(send: Send, params: QueryParams): Promise<QueryResult> {
  const domain = checkDomain("query", params.domain);
  const perPage = Math.max(QUERY_MIN_PER_PAGE, Math.ceil(params.selection.perPage ?? QUERY_MIN_PER_PAGE));
  const page = params.selection.page ?? 0;
  if (!Number.isInteger(page) || page < 0) throw invalidParams("query", "page must be a non-negative integer");
  if (page * perPage > QUERY_MAX_RESULTS) throw invalidParams("query", `page × perPage exceeds ${QUERY_MAX_RESULTS}`);
  const selection = { ...params.selection, page, perPage };
  const reply = await send({
    endpoint: "query",
    path: "query",
    params: { domain, selection: JSON.stringify(selection) },
    estimate: estimateCost("query", { perPage }),
    timeoutClass: "default",
    payloadKey: "asinList",
    parse: (body, init) => parsePayload(queryResponseSchema, body, init),
  });
  return {
    asinList: reply.payload.asinList ?? [],
    totalResults: reply.payload.totalResults ?? null,
    perPage,
    envelope: reply.envelope,
    receivedAt: reply.receivedAt,
  };
}
