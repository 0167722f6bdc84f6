import type { Config } from "@netlify/functions";
import {
  authenticate,
  defineServicesEndpoint,
  profileBody,
  profiles,
  profilesQuery,
  scope,
} from "../../src/app/index.ts";

/** GET (list) / POST (create) AutoSourcing profiles; creating one (it spends on a schedule) needs data:write and tokens:spend. */
export default defineServicesEndpoint({
  name: "autosourcing-profiles",
  methods: ["GET", "POST"],
  steps: [authenticate, scope("data:write", ["POST"]), scope("tokens:spend", ["POST"])],
  query: profilesQuery,
  body: profileBody,
  handle: profiles,
});

export const config: Config = { path: "/api/v1/autosourcing/profiles" };
