import { defineEndpoint } from "../../shared/http/endpoint.ts";
import type { EndpointHandler } from "../../shared/http/endpoint.ts";
import { jsonResponse, problems } from "../../shared/http/problem.ts";
import { getConfig } from "../../shared/config.ts";
import { keepaClient } from "../../shared/keepa.ts";
import { getRedis } from "../../shared/redis.ts";
import { sourcingCache } from "../../sourcing/cache/index.ts";
import { bootstrapLedger } from "../../tokens/bootstrap.ts";
import { actionCost } from "../../tokens/costs.ts";
import { isLedgerError } from "../../tokens/errors.ts";
import { getCostRegistry, getLedger } from "../../tokens/from-config.ts";
import { storeUnavailableProblem } from "../../tokens/refusal.ts";
import type { LedgerStatus } from "../../tokens/types.ts";
import { neonDb } from "../db.ts";
import { planProfile } from "../plan.ts";
import { readDiscovery } from "../profile-config.ts";
import type { DiscoveryConfig } from "../profile-config.ts";
import { getProfile } from "../store/profiles.ts";
import { estimateBody } from "./inputs.ts";
import { floorsFor } from "../../tokens/view.ts";

/** The ledger as it is, refreshed through the free /token only when unknown or stale: never a paid request (R3). */
async function currentStatus(): Promise<LedgerStatus> {
  const ledger = getLedger();
  const status = await ledger.status();
  const age = status.syncedAt === null ? Infinity : status.now - status.syncedAt;
  if (status.known && !status.needsResync && age <= getConfig().SNAPSHOT_STALE_MS) return status;
  await bootstrapLedger({ redis: getRedis(), ledger, keepa: keepaClient(), notBefore: status.now });
  return ledger.status();
}

/** Whether a batch reservation of `cost` would be admitted now: the same floor the ledger applies (batch reserve). */
function fitNow(status: LedgerStatus, cost: number) {
  const config = getConfig();
  if (!status.known || status.available === null || status.capacity === null) return { fitsNow: null, reason: "balance_unknown", spendable: null, floor: null };
  const floor = floorsFor({ interactiveFloor: config.INTERACTIVE_FLOOR, batchReserveFraction: config.BATCH_RESERVE_FRACTION }, status.capacity).batch ?? 0;
  const spendable = Math.max(0, Math.floor(status.available) - floor);
  if (status.breaker.open) return { fitsNow: false, reason: "upstream_blocked", spendable, floor };
  if (cost + floor > status.capacity) return { fitsNow: false, reason: "exceeds_capacity", spendable, floor };
  return { fitsNow: cost <= spendable, reason: cost <= spendable ? null : "insufficient", spendable, floor };
}

async function discoveryOf(body: { profileId: string } | { discovery: DiscoveryConfig }): Promise<DiscoveryConfig> {
  if ("discovery" in body) return body.discovery;
  const profile = await getProfile(neonDb(), body.profileId);
  if (!profile) throw problems.notFound(`No profile with id ${body.profileId}.`);
  return readDiscovery(profile.discovery);
}

/**
 * POST /api/v1/autosourcing/estimate — the job's cost plan (from the caches: what is cached is free) and whether a
 * batch job of that cost would be admitted right now. 0 tokens.
 */
export function estimateEndpoint(): EndpointHandler {
  return defineEndpoint({
    name: "autosourcing-estimate",
    methods: ["POST"],
    body: estimateBody,
    handle: async ({ body }, ctx) => {
      if (!body) throw problems.badRequest("Send {\"profileId\"} or {\"discovery\"} as a JSON body.");
      const discovery = await discoveryOf(body);
      const budget = actionCost(getCostRegistry(), "auto_sourcing_job").cost;
      try {
        const { plan } = await planProfile(sourcingCache(), ctx.config.KEEPA_DOMAIN, discovery, budget);
        const status = await currentStatus();
        const fit = plan.fits ? fitNow(status, plan.cost) : { fitsNow: false, reason: "plan_exceeds_budget", spendable: null, floor: null };
        return jsonResponse({
          estimatedTokens: plan.cost, maxAllowed: budget, plan,
          balance: { available: status.available === null ? null : Math.floor(status.available), spendableForBatch: fit.spendable, batchFloor: fit.floor },
          fitsNow: plan.cost === 0 ? true : fit.fitsNow, reason: plan.cost === 0 ? null : fit.reason,
        });
      } catch (error) {
        if (isLedgerError(error)) throw storeUnavailableProblem("auto_sourcing_job");
        throw error;
      }
    },
  });
}
