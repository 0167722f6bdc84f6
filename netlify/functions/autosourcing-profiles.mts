import type { Config } from "@netlify/functions";
import { profilesEndpoint } from "../../src/autosourcing/http/profiles.ts";

/** GET (list) / POST (create) AutoSourcing profiles. */
export default profilesEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/profiles" };
