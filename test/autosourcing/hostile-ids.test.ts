// Path parameters are checked before any query: every hostile id is a 404 problem, never a 500 (the database would
// reject a non-UUID with an error). Mirrors test/security for these routes, with ids the URL encoder cannot encode.
import { describe, expect, it } from "vitest";
import jobDoor from "../../netlify/functions/autosourcing-job.mts";
import pickActionDoor from "../../netlify/functions/autosourcing-pick-action.mts";
import profileDoor from "../../netlify/functions/autosourcing-profile.mts";
import { fakeContext } from "../helpers/context.ts";
import { AUTH } from "../helpers/simulator.ts";
import { INJECTIONS } from "../security/cases.ts";

const ROUTES = [
  { handler: profileDoor, methods: ["GET", "DELETE"], body: undefined },
  { handler: profileDoor, methods: ["PUT"], body: { name: "Any name", discovery: { categories: ["business"] } } },
  { handler: jobDoor, methods: ["GET"], body: undefined },
  { handler: pickActionDoor, methods: ["PUT"], body: { action: "favorite" } },
] as const;

describe("hostile :id parameters", () => {
  it("answer 404 problem+json for every route and method", async () => {
    for (const route of ROUTES) {
      for (const method of route.methods) {
        for (const id of [...INJECTIONS, "", "4a3e1f0c-0000-4000-8000-00000000000g"]) {
          const headers = { ...AUTH, ...(route.body ? { "content-type": "application/json" } : {}) };
          const request = new Request("http://localhost/api/v1/autosourcing/x", {
            method,
            headers,
            ...(route.body ? { body: JSON.stringify(route.body) } : {}),
          });
          const response = await route.handler(request, fakeContext({ params: { id } }));
          expect(response.status, `${route.handler.endpoint.name} ${method} ${id.slice(0, 20)}`).toBe(404);
          expect(response.headers.get("content-type")).toBe("application/problem+json");
        }
      }
    }
  });
});
