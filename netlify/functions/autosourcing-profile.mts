import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, profile, profileBody, scope } from "../../src/app/index.ts";

/** GET / PUT / DELETE one AutoSourcing profile; changing one needs data:write, and saving one tokens:spend too. */
export default defineServicesEndpoint({
  name: "autosourcing-profile",
  methods: ["GET", "PUT", "DELETE"],
  steps: [authenticate, scope("data:write", ["PUT", "DELETE"]), scope("tokens:spend", ["PUT"])],
  body: profileBody,
  handle: profile,
});

export const config: Config = { path: "/api/v1/autosourcing/profiles/:id" };
