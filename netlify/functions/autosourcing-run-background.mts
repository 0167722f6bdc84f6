import { workerEndpoint } from "../../src/autosourcing/http/worker.ts";

/**
 * AutoSourcing worker (background function: up to 15 min, the caller gets 202 at once). Only requests signed with
 * INTERNAL_SIGNING_SECRET by the scheduler or the webhook trigger get in. Served at
 * /.netlify/functions/autosourcing-run-background (background functions keep the default path).
 */
export default workerEndpoint();
