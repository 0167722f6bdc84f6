import { buyListPage, dailyReview, exportPicks, pickStats } from "../../autosourcing/index.ts";
import { currencyOf } from "../../keepa/index.ts";
import { jsonResponse } from "../../shared/index.ts";
import type { Services } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { PicksQuery, ReviewQuery } from "./seller-inputs.ts";

// The seller's day (docs/autosourcing.md#daily-review-and-buy-list): reads from Postgres only, 0 tokens.

type Ctx = EndpointContext<Services>;

/** GET /api/v1/review/today — the window's picks classified over their fresh sightings. */
export async function reviewToday({ query }: { query: ReviewQuery }, ctx: Ctx): Promise<Response> {
  const review = await dailyReview(ctx.runtime.db, {
    daysBack: query.daysBack,
    minRoi: query.minRoi,
    now: ctx.runtime.now(),
    currency: currencyOf(ctx.config.KEEPA_DOMAIN),
    limit: query.limit,
    cursor: query.cursor,
  });
  ctx.log.set({ reviewed: review.total });
  return jsonResponse(review);
}

/**
 * Whether the client asked for CSV: `text/csv` accepted (q > 0) at least as much as anything else it lists. JSON
 * otherwise, the default.
 */
export function wantsCsv(accept: string | null): boolean {
  if (!accept) return false;
  const ranges = accept.split(",").map((part) => {
    const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { type, weight: Number.isFinite(weight) ? weight : 0 };
  });
  const csv = Math.max(0, ...ranges.filter((r) => r.type === "text/csv").map((r) => r.weight));
  return csv > 0 && ranges.every((r) => r.type === "text/csv" || r.weight <= csv);
}

/** GET /api/v1/picks — an action's picks across jobs, newest action first: a page of JSON, or every row as CSV. */
export async function picks({ query }: { query: PicksQuery }, ctx: Ctx): Promise<Response> {
  const { db } = ctx.runtime;
  if (!wantsCsv(ctx.request.headers.get("accept"))) {
    const currency = currencyOf(ctx.config.KEEPA_DOMAIN);
    return jsonResponse(
      await buyListPage(db, { action: query.action, limit: query.limit, cursor: query.cursor, currency }),
    );
  }
  const exported = await exportPicks(db, query.action);
  ctx.log.set({ exported: exported.rows, truncated: exported.truncated });
  const headers = new Headers({
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="picks-${query.action}.csv"`,
    "x-export-rows": String(exported.rows),
    "x-export-truncated": String(exported.truncated),
  });
  return new Response(exported.csv, { status: 200, headers });
}

/** GET /api/v1/picks/stats — counts per action, engagement over 7 days, the best pick of the last 24 h. */
export async function picksStats(_input: unknown, ctx: Ctx): Promise<Response> {
  return jsonResponse(await pickStats(ctx.runtime.db, ctx.runtime.now(), currencyOf(ctx.config.KEEPA_DOMAIN)));
}
