import { z } from "zod";
import { jsonResponse, problems } from "../../shared/index.ts";
import {
  activityPage,
  balanceHistoryPage,
  bootstrapLedger,
  CursorError,
  recordBalance,
  tokenView,
} from "../../tokens/index.ts";
import type { Page } from "../../tokens/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Services } from "../../shared/index.ts";
import type { Runtime } from "../runtime.ts";

type Ctx = EndpointContext<Runtime>;

/**
 * The token view at 0 tokens: the stored snapshot, refreshed through the free single-flight /token only when it is
 * unknown or older than `refreshAfterMs` (never a paid request, never a loop).
 */
export async function tokenStatus(ctx: Ctx, refreshAfterMs: number): Promise<Response> {
  const { costs, config, redis } = ctx.runtime;
  const { status, refreshed } = await freshStatus(ctx.runtime, refreshAfterMs);
  ctx.log.set({ refreshed });
  const floors = { interactiveFloor: config.INTERACTIVE_FLOOR, batchReserveFraction: config.BATCH_RESERVE_FRACTION };
  const view = tokenView(status, costs, floors);
  if (status.available !== null) {
    ctx.defer(recordBalance(redis, config.LEDGER_PREFIX, status.now, status.available).catch(() => undefined));
  }
  const available = view.balance.available;
  const headers: Record<string, string> =
    available === null ? {} : { "x-token-balance": String(Math.max(0, available)) };
  return jsonResponse({ ...view, refreshed }, { headers });
}

/** The ledger's status, re-learned through the free /token first when it is unknown or too old. */
async function freshStatus({ ledger, keepa }: Runtime, refreshAfterMs: number) {
  const first = await ledger.status();
  const age = first.syncedAt === null ? Infinity : first.now - first.syncedAt;
  if (first.known && !first.needsResync && age <= refreshAfterMs) return { status: first, refreshed: "not_needed" };
  const outcome: string = await bootstrapLedger({ ledger, keepa: keepa() });
  return { status: await ledger.status(), refreshed: outcome };
}

const cursorField = () =>
  z.string().min(1).max(512).optional().meta({ description: "A page's `nextCursor`, unchanged" });

export const tokenRequestsQuery = z.lazy(() =>
  z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorField(),
  }),
);

/** A page as every list answers it; a cursor the list did not hand out is bad input, not an empty page. */
async function pageResponse<T>(limit: number, read: () => Promise<Page<T>>): Promise<Response> {
  try {
    const { items, nextCursor } = await read();
    return jsonResponse({ items, limit, nextCursor });
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    throw problems.badRequest("Invalid query: cursor.", {
      errors: [{ field: "cursor", message: "not a cursor this list handed out" }],
    });
  }
}

/** GET /api/v1/tokens/requests — the latest guarded requests with reserved / spent / reason, newest first. 0 tokens. */
export async function tokenRequests(
  query: z.infer<typeof tokenRequestsQuery>,
  ctx: EndpointContext<Services>,
): Promise<Response> {
  const { redis, config } = ctx.runtime;
  return pageResponse(query.limit, () => activityPage(redis, config.LEDGER_PREFIX, query));
}

export const tokenHistoryQuery = z.lazy(() =>
  z.object({
    minutes: z.coerce.number().int().min(1).max(120).default(60),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
    cursor: cursorField(),
  }),
);

/** GET /api/v1/tokens/history?minutes=60 — available-balance samples for the dashboard's sparkline. 0 tokens. */
export async function tokenHistory(
  query: z.infer<typeof tokenHistoryQuery>,
  ctx: EndpointContext<Services>,
): Promise<Response> {
  const { redis, config, now } = ctx.runtime;
  const since = now() - query.minutes * 60_000;
  return pageResponse(query.limit, () => balanceHistoryPage(redis, config.LEDGER_PREFIX, since, query));
}
