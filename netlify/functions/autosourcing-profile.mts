import type { Config } from "@netlify/functions";
import { profileEndpoint } from "../../src/autosourcing/http/profiles.ts";

/** GET / PUT / DELETE one AutoSourcing profile. */
export default profileEndpoint();

export const config: Config = { path: "/api/v1/autosourcing/profiles/:id" };
