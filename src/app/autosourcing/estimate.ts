import { getProfile, planProfile, readDiscovery, readScoring, RUN_LIMITS } from "../../autosourcing/index.ts";
import type { DiscoveryConfig, ScoringConfig } from "../../autosourcing/index.ts";
import { jsonResponse, problems } from "../../shared/index.ts";
import { actionCost, admit } from "../../tokens/index.ts";
import type { ReserveResult } from "../../tokens/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Runtime } from "../runtime.ts";
import type { EstimateBody } from "./inputs.ts";

type Ctx = EndpointContext<Runtime>;

async function profileOf(
  body: EstimateBody,
  ctx: Ctx,
): Promise<{ discovery: DiscoveryConfig; scoring: ScoringConfig }> {
  if ("discovery" in body) return { discovery: body.discovery, scoring: body.scoring };
  const profile = await getProfile(ctx.runtime.db, body.profileId);
  if (!profile) throw problems.notFound(`No profile with id ${body.profileId}.`);
  return { discovery: readDiscovery(profile.discovery), scoring: readScoring(profile.scoring) };
}

/** The ledger's own answer, as the estimate shows it: whether it fits now, and the numbers behind that. */
function fitOf(result: ReserveResult) {
  if (result.allowed) {
    const spendable = result.balanceAfter + result.cost;
    return { fitsNow: true, reason: null, available: spendable + result.floor, spendable, floor: result.floor };
  }
  if (result.reason === "state_unknown" || result.reason === "stale") {
    return { fitsNow: null, reason: "balance_unknown", available: null, spendable: null, floor: null };
  }
  return {
    fitsNow: false,
    reason: result.reason,
    available: Math.floor(result.available),
    spendable: result.balance,
    floor: result.floor,
  };
}

/**
 * POST /api/v1/autosourcing/estimate — the job's cost plan (from the caches: what is cached is free) and whether a
 * batch job of that cost would be admitted right now: the reserve script itself answers, in its dry-run mode, so the
 * estimate can never disagree with the ledger. 0 tokens; the balance is learned through the free /token if needed.
 */
export async function estimateJob({ body }: { body: EstimateBody | undefined }, ctx: Ctx): Promise<Response> {
  if (!body) throw problems.badRequest('Send {"profileId"} or {"discovery"} as a JSON body.');
  const { runtime } = ctx;
  const profile = await profileOf(body, ctx);
  const { action, cost: budget, class: tokenClass } = actionCost(runtime.costs, "auto_sourcing_job");
  const { plan } = await planProfile(runtime.cache, runtime.config.KEEPA_DOMAIN, profile, budget);
  const request = {
    action,
    cost: Math.max(1, plan.cost),
    class: tokenClass,
    leaseMs: RUN_LIMITS.leaseMs,
    holder: "estimate",
  };
  const { result } = await admit(runtime.ledger, request, () => runtime.keepa(), { dryRun: true });
  const fit = plan.fits ? fitOf(result) : { ...fitOf(result), fitsNow: false, reason: "plan_exceeds_budget" };
  return jsonResponse({
    estimatedTokens: plan.cost,
    maxAllowed: budget,
    plan,
    balance: { available: fit.available, spendableForBatch: fit.spendable, batchFloor: fit.floor },
    fitsNow: plan.cost === 0 ? true : fit.fitsNow,
    reason: plan.cost === 0 ? null : fit.reason,
  });
}
