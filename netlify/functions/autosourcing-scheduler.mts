import type { Config } from "@netlify/functions";
import { defineEndpoint, tick } from "../../src/app/index.ts";

/**
 * AutoSourcing tick: reaps dead jobs, creates each active profile's job for its slot (idempotent), hands them to
 * autosourcing-run-background through signed requests and retries completion webhooks. Never runs a job (30 s limit).
 * Its route is not public in production (Netlify invokes scheduled functions only on schedule) and a tick is
 * idempotent within its slot, so it needs no key. Locally: `netlify functions:invoke autosourcing-scheduler --port
 * 8888 --offline`.
 */
export default defineEndpoint({
  name: "autosourcing-scheduler",
  methods: ["POST"],
  steps: [],
  scheduled: true,
  handle: tick,
});

// Netlify reads this statically at deploy time, so it cannot come from an env var; each profile's
// schedule_minutes (≥ 15) decides when it is due, this only sets how often that is checked. Every 5 minutes, because
// redispatch, skip retries and webhook backoff (RUN_LIMITS) are timed in minutes; a tick is idempotent per slot.
export const config: Config = { schedule: "*/5 * * * *" };
