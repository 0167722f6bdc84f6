import { z } from "zod";
import { ACTION_NAMES } from "../../../tokens/index.ts";
import { tokenHistoryQuery, tokenRequestsQuery } from "../../endpoints/tokens.ts";
import { page, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";

// A record keyed by an enum lists every key as required; keyed by a lazy schema it could not.
const Action = () => z.enum(ACTION_NAMES);
const TokenClass = z.lazy(() => z.enum(["interactive", "batch"]));
const Group = z.lazy(() =>
  z.object({
    count: z.number().int(),
    reserved: z.number(),
    remaining: z.number(),
    spent: z.number(),
  }),
);

/** The ledger's view (src/tokens/view.ts): what /tokens and /keepa/status answer. */
export const TokenStatus = z.lazy(() =>
  z
    .object({
      known: z.boolean().meta({ description: "Whether the ledger holds a Keepa balance at all" }),
      now: Timestamp,
      snapshot: z.object({
        keepaTimestamp: Timestamp.nullable(),
        syncedAt: Timestamp.nullable(),
        ageMs: z.number().nullable(),
      }),
      balance: z.object({
        projected: z.number().nullable().meta({ description: "Keepa's balance with refills applied, capped" }),
        available: z.number().int().nullable().meta({ description: "Projected, less open reservations" }),
        reserved: z.number(),
        capacity: z.number().nullable(),
      }),
      floors: z.object({ interactive: z.number(), batch: z.number().nullable() }),
      refill: z.object({
        ratePerMinute: z.number().nullable(),
        nextRefillAt: Timestamp.nullable(),
        nextRefillInMs: z.number().nullable(),
        timeToFullMs: z.number().nullable(),
      }),
      breaker: z.object({
        open: z.boolean(),
        reason: z.string().nullable(),
        blockedUntil: Timestamp.nullable(),
        retryInMs: z.number(),
      }),
      needsResync: z.boolean(),
      reservations: z.object({
        open: z.number().int(),
        byAction: z.record(z.string(), Group),
        byClass: z.record(z.string(), Group),
        list: z.array(
          z.object({
            id: z.string(),
            action: Action(),
            class: TokenClass,
            holder: z.string(),
            reserved: z.number(),
            remaining: z.number(),
            spent: z.number(),
            expiresAt: Timestamp.nullable(),
          }),
        ),
      }),
      costs: z.record(Action(), z.object({ cost: z.number().int(), class: TokenClass })),
      refreshed: z
        .enum(["not_needed", "synced", "waited", "failed"])
        .meta({ description: "Whether the free /token was asked first, and how that went" }),
    })
    .meta({ id: "TokenStatus", description: "The shared Keepa budget as the ledger sees it" }),
);

const ActivityRow = z.lazy(() =>
  z
    .object({
      id: z.string(),
      at: Timestamp,
      fn: z.string(),
      action: z.string(),
      status: z.number().int(),
      reason: z.string().nullable(),
      reserved: z.number(),
      spent: z.number(),
      released: z.number(),
      balance: z.number().nullable(),
      durationMs: z.number(),
    })
    .meta({ id: "TokenRequest", description: "One guarded request, as the dashboard lists it" }),
);

const BalancePoint = z.lazy(() => z.object({ at: Timestamp, available: z.number() }).meta({ id: "BalancePoint" }));

export const tokenStatusReply = {
  200: { description: "The token view.", schema: TokenStatus, headers: ["X-Token-Balance"] as const },
};

export const tokensOperations = (): readonly Operation[] => [
  {
    id: "getTokens",
    method: "get",
    path: "/api/v1/tokens",
    fn: "tokens",
    tag: "Tokens",
    summary: "The ledger's view: balance, capacity, refill, breaker, open reservations, cost registry",
    description: "Free: Keepa's /token is asked only when the stored snapshot is unknown or stale.",
    access: "apiKey",
    replies: tokenStatusReply,
    problems: { 503: ["store_unavailable"] },
  },
  {
    id: "listTokenRequests",
    method: "get",
    path: "/api/v1/tokens/requests",
    fn: "tokens-requests",
    tag: "Tokens",
    summary: "The latest guarded requests (reserved, spent, reason), newest first",
    access: "apiKey",
    query: tokenRequestsQuery,
    replies: { 200: { description: "A page of requests.", schema: page(ActivityRow) } },
    problems: { 503: ["store_unavailable"] },
  },
  {
    id: "listTokenHistory",
    method: "get",
    path: "/api/v1/tokens/history",
    fn: "tokens-history",
    tag: "Tokens",
    summary: "Available-balance samples of the last `minutes`, oldest first (the dashboard's sparkline)",
    access: "apiKey",
    query: tokenHistoryQuery,
    replies: { 200: { description: "A page of samples.", schema: page(BalancePoint) } },
    problems: { 503: ["store_unavailable"] },
  },
];
