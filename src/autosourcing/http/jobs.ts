import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler } from "../../shared/http/endpoint.ts";
import { jsonResponse, problems } from "../../shared/http/problem.ts";
import { neonDb } from "../db.ts";
import { getJob, listJobs } from "../store/jobs.ts";
import { jobPicks, setPickAction } from "../store/picks.ts";
import { isoOrNull, jobDetail, jobListEntry, pickView } from "../views.ts";
import { idParam, jobsQuery, pickActionBody } from "./inputs.ts";

/** GET /api/v1/autosourcing/jobs?limit=&status=&profile_id= — newest first, each with its top 3 picks. */
export function jobsEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-jobs",
    methods: ["GET"],
    query: jobsQuery,
    handle: async ({ query }) => {
      const rows = await listJobs(neonDb(), { limit: query.limit, status: query.status, profileId: query.profile_id });
      return jsonResponse({ jobs: rows.map(jobListEntry) });
    },
  });
}

/** GET /api/v1/autosourcing/jobs/:id — the job with its picks (best tier first) and each ASIN's sighting history. */
export function jobEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-job",
    methods: ["GET"],
    handle: async (_input, ctx) => {
      const id = idParam(ctx, "job");
      const db = neonDb();
      const job = await getJob(db, id);
      if (!job) throw problems.notFound(`No job with id ${id}.`);
      const picks = (await jobPicks(db, id)).map(pickView);
      return jsonResponse({ job: jobDetail(job), picks });
    },
  });
}

/** PUT /api/v1/autosourcing/picks/:id/action — what the seller decided about a pick (the system never buys, R18). */
export function pickActionEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-pick-action",
    methods: ["PUT"],
    scope: "data:write",
    body: pickActionBody,
    handle: async ({ body }, ctx) => {
      const id = idParam(ctx, "pick");
      if (!body) throw problems.badRequest("Send {\"action\": …} as a JSON body.");
      const row = await setPickAction(neonDb(), id, body.action, body.notes);
      if (!row) throw problems.notFound(`No pick with id ${id}.`);
      return jsonResponse({ pick: { id: row.id, jobId: row.job_id, asin: row.asin, actionStatus: row.action_status, actionAt: isoOrNull(row.action_at), notes: row.notes ?? null } });
    },
  });
}
