import {
  getJob,
  jobDetail,
  jobListEntry,
  jobPicks,
  listJobs,
  pickView,
  setPickAction,
} from "../../autosourcing/index.ts";
import { isoOrNull } from "../../autosourcing/index.ts";
import { jsonResponse, problems } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Services } from "../../shared/index.ts";
import { currencyOf } from "../../keepa/index.ts";
import { afterCursor, idParam } from "./inputs.ts";
import type { JobsQuery, PickActionBody } from "./inputs.ts";

type Ctx = EndpointContext<Services>;

/** GET /api/v1/autosourcing/jobs?limit=&cursor=&status=&profileId= — a page, newest first, each with its top 3 picks. */
export async function jobs({ query }: { query: JobsQuery }, ctx: Ctx): Promise<Response> {
  const { limit, cursor, status, profileId } = query;
  const found = await listJobs(ctx.runtime.db, { limit, status, profileId, after: afterCursor(cursor) });
  return jsonResponse({ items: found.rows.map(jobListEntry), limit, nextCursor: found.nextCursor });
}

/** GET /api/v1/autosourcing/jobs/:id — the job with its picks (best tier first) and each ASIN's sighting history. */
export async function job(_input: unknown, ctx: Ctx): Promise<Response> {
  const id = idParam(ctx, "job");
  const { db } = ctx.runtime;
  const row = await getJob(db, id);
  if (!row) throw problems.notFound(`No job with id ${id}.`);
  const currency = currencyOf(ctx.config.KEEPA_DOMAIN);
  const picks = (await jobPicks(db, id)).map((pick) => pickView(pick, currency));
  return jsonResponse({ job: jobDetail(row), picks });
}

/** PUT /api/v1/autosourcing/picks/:id/action — what the seller decided about a pick (the system never buys). */
export async function pickAction({ body }: { body: PickActionBody | undefined }, ctx: Ctx): Promise<Response> {
  const id = idParam(ctx, "pick");
  if (!body) throw problems.badRequest('Send {"action": …} as a JSON body.');
  const row = await setPickAction(ctx.runtime.db, id, body.action, body.notes);
  if (!row) throw problems.notFound(`No pick with id ${id}.`);
  const pick = {
    id: row.id,
    jobId: row.job_id,
    asin: row.asin,
    actionStatus: row.action_status,
    actionAt: isoOrNull(row.action_at),
    notes: row.notes ?? null,
  };
  return jsonResponse({ pick });
}
