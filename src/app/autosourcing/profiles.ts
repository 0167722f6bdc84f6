import {
  createProfile,
  deleteProfile,
  getProfile,
  listProfiles,
  profileView,
  updateProfile,
} from "../../autosourcing/index.ts";
import { HttpProblem, jsonResponse, problems } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Services } from "../../shared/index.ts";
import { LOCAL_IDENTITY_ID } from "../auth/authenticate.ts";
import { afterCursor, idParam } from "./inputs.ts";
import type { ProfileBody, ProfilesQuery } from "./inputs.ts";

type Ctx = EndpointContext<Services>;

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpProblem({
        title: "Conflict",
        status: 409,
        reason: "name_taken",
        detail: "A profile with this name already exists.",
      });
    }
    throw error;
  }
}

/** The saving key: the profile's jobs spend its tokens and its daily quota (none for the fixed local key). */
const ownerOf = (ctx: Ctx): string | null =>
  ctx.auth === undefined || ctx.auth.apiKeyId === LOCAL_IDENTITY_ID ? null : ctx.auth.apiKeyId;

const toInput = (body: ProfileBody, ctx: Ctx) => ({
  ownerKeyId: ownerOf(ctx),
  name: body.name,
  description: body.description,
  discovery: body.discovery,
  scoring: body.scoring,
  scheduleMinutes: body.scheduleMinutes,
  schedule: body.schedule ?? null,
  active: body.active,
});

/** GET (a page, oldest first) / POST (create) /api/v1/autosourcing/profiles */
export async function profiles(
  input: { query: ProfilesQuery; body: ProfileBody | undefined },
  ctx: Ctx,
): Promise<Response> {
  const { db } = ctx.runtime;
  const now = ctx.runtime.now();
  if (ctx.request.method.toUpperCase() === "GET") {
    const { activeOnly, limit, cursor } = input.query;
    const found = await listProfiles(db, { activeOnly, limit, after: afterCursor(cursor) });
    return jsonResponse({ items: found.rows.map((row) => profileView(row, now)), limit, nextCursor: found.nextCursor });
  }
  const { body } = input;
  if (!body) throw problems.badRequest("Send the profile as a JSON body.");
  const created = await saving(() => createProfile(db, toInput(body, ctx)));
  const location = `/api/v1/autosourcing/profiles/${created.id}`;
  return jsonResponse({ profile: profileView(created, now) }, { status: 201, headers: { location } });
}

/** GET / PUT (replace) / DELETE /api/v1/autosourcing/profiles/:id */
export async function profile({ body }: { body: ProfileBody | undefined }, ctx: Ctx): Promise<Response> {
  const id = idParam(ctx, "profile");
  const { db } = ctx.runtime;
  const now = ctx.runtime.now();
  const method = ctx.request.method.toUpperCase();
  if (method === "DELETE") {
    if (!(await deleteProfile(db, id))) throw problems.notFound(`No profile with id ${id}.`);
    return new Response(null, { status: 204 });
  }
  if (method === "PUT") {
    if (!body) throw problems.badRequest("Send the profile as a JSON body.");
    const updated = await saving(() => updateProfile(db, id, toInput(body, ctx)));
    if (!updated) throw problems.notFound(`No profile with id ${id}.`);
    return jsonResponse({ profile: profileView(updated, now) });
  }
  const found = await getProfile(db, id);
  if (!found) throw problems.notFound(`No profile with id ${id}.`);
  return jsonResponse({ profile: profileView(found, now) });
}
