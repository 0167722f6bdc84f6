import type { Config } from "@netlify/functions";
import { schedulerEndpoint } from "../../src/autosourcing/http/scheduler.ts";

/**
 * AutoSourcing tick: reaps dead jobs, creates each active profile's job for its slot (idempotent), hands them to
 * autosourcing-run-background through signed requests and retries completion webhooks. Never runs a job (30 s limit).
 * Locally: `netlify functions:invoke autosourcing-scheduler --port 8888 --offline`.
 */
export default schedulerEndpoint();

// Netlify reads this statically at deploy time, so it cannot come from an env var; each profile's
// schedule_minutes (≥ 15) decides when it is due, this only sets how often that is checked. Every 5 minutes, because
// redispatch, skip retries and webhook backoff (RUN_LIMITS) are timed in minutes; a tick is idempotent per slot.
export const config: Config = { schedule: "*/5 * * * *" };
