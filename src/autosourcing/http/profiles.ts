import { requireScope } from "../../auth/authenticate.ts";
import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointContext, EndpointHandler } from "../../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse, problems } from "../../shared/http/problem.ts";
import { neonDb } from "../db.ts";
import { createProfile, deleteProfile, getProfile, listProfiles, updateProfile } from "../store/profiles.ts";
import { profileView } from "../views.ts";
import { idParam, profileBody, profilesQuery } from "./inputs.ts";
import type { ProfileBody } from "./inputs.ts";

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpProblem({ title: "Conflict", status: 409, detail: "A profile with this name already exists." });
    throw error;
  }
}

/** Reading is open to any key; changing what runs (and spends tokens on a schedule) needs data:write. */
function requireWrite(ctx: EndpointContext): void {
  if (ctx.auth) requireScope(ctx.auth, "data:write");
}

const toInput = (body: ProfileBody) => ({
  name: body.name, description: body.description, discovery: body.discovery, scoring: body.scoring, scheduleMinutes: body.scheduleMinutes, active: body.active,
});

/** GET (list) / POST (create) /api/v1/autosourcing/profiles */
export function profilesEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-profiles",
    methods: ["GET", "POST"],
    query: profilesQuery,
    body: profileBody,
    handle: async ({ query, body }, ctx) => {
      const db = neonDb();
      if (ctx.request.method.toUpperCase() === "GET") {
        return jsonResponse({ profiles: (await listProfiles(db, query.active_only)).map(profileView) });
      }
      requireWrite(ctx);
      if (!body) throw problems.badRequest("Send the profile as a JSON body.");
      const created = await saving(() => createProfile(db, toInput(body)));
      return jsonResponse({ profile: profileView(created) }, { status: 201, headers: { location: `/api/v1/autosourcing/profiles/${created.id}` } });
    },
  });
}

/** GET / PUT (replace) / DELETE /api/v1/autosourcing/profiles/:id */
export function profileEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-profile",
    methods: ["GET", "PUT", "DELETE"],
    body: profileBody,
    handle: async ({ body }, ctx) => {
      const id = idParam(ctx, "profile");
      const db = neonDb();
      const method = ctx.request.method.toUpperCase();
      if (method !== "GET") requireWrite(ctx);
      if (method === "DELETE") {
        if (!(await deleteProfile(db, id))) throw problems.notFound(`No profile with id ${id}.`);
        return new Response(null, { status: 204 });
      }
      if (method === "PUT") {
        if (!body) throw problems.badRequest("Send the profile as a JSON body.");
        const updated = await saving(() => updateProfile(db, id, toInput(body)));
        if (!updated) throw problems.notFound(`No profile with id ${id}.`);
        return jsonResponse({ profile: profileView(updated) });
      }
      const profile = await getProfile(db, id);
      if (!profile) throw problems.notFound(`No profile with id ${id}.`);
      return jsonResponse({ profile: profileView(profile) });
    },
  });
}
