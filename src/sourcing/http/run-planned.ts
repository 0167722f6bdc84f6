import type { EndpointContext } from "../../shared/http/endpoint.ts";
import { HttpProblem, jsonResponse } from "../../shared/http/problem.ts";
import { keepaClient } from "../../shared/keepa.ts";
import { actionCost } from "../../tokens/costs.ts";
import type { ActionName } from "../../tokens/costs.ts";
import { getCostRegistry } from "../../tokens/from-config.ts";
import { requireTokens } from "../../tokens/guard.ts";
import type { SourcingCache } from "../cache/sourcing-cache.ts";
import { closedMeter } from "../pipeline/closed-meter.ts";
import type { SourcingRuntime } from "../pipeline/types.ts";
import type { Plan } from "../plan.ts";

export type PlannedOutcome = {
  body: Record<string, unknown>;
  /** Extra `tokens` fields: cache hits, partial. */
  tokens: Record<string, unknown> & { partial: boolean };
};

export type PlannedWork = (runtime: SourcingRuntime) => Promise<PlannedOutcome>;

/** The most an action may reserve: its registry budget (TOKEN_COSTS with the deployment's override). */
export function actionBudget(action: ActionName): number {
  return actionCost(getCostRegistry(), action).cost;
}

/** Not even the cheapest useful plan fits the action's budget: nothing can be bought, so nothing is tried. */
export function planTooBig(action: ActionName, plan: Plan): HttpProblem {
  return new HttpProblem(
    {
      type: "https://arbitragevault.dev/problems/tokens/plan-exceeds-budget",
      title: "Action exceeds its token budget",
      status: 422,
      detail: `${action} may spend ${plan.budget} tokens; the cheapest useful Keepa plan for this request costs ${plan.minimumCost}. Nothing was spent. Raise the budget with TOKEN_COSTS_OVERRIDE={"${action}":{"cost":${plan.minimumCost}}} or more.`,
      action,
      reason: "plan_exceeds_budget",
      budget: plan.budget,
      required: plan.minimumCost,
      plan,
    },
    { "x-token-required": String(plan.minimumCost) },
  );
}

/**
 * Runs planned work: refused (422) when the plan does not fit; without any reservation when it costs 0 (all from
 * cache); otherwise behind the guard with the plan's cost reserved, so the guard's refusal contract and `tokens`
 * summary apply and the Keepa client can never spend past the plan.
 */
export async function runPlanned(action: ActionName, plan: Plan, env: { ctx: EndpointContext; cache: SourcingCache; domain: number }, work: PlannedWork): Promise<Response> {
  if (!plan.fits) throw planTooBig(action, plan);
  const { ctx, cache, domain } = env;
  ctx.log.set({ planCost: plan.cost, planShrunk: plan.shrunk });
  if (plan.cost === 0) {
    const outcome = await work({ keepa: keepaClient({ meter: closedMeter }), cache, domain, remaining: () => 0 });
    const tokens = { action, reserved: 0, spent: 0, released: 0, ...outcome.tokens };
    return jsonResponse({ ...outcome.body, tokens });
  }
  const guarded = requireTokens<undefined>(
    action,
    async (_input, g) => {
      const outcome = await work({ keepa: g.keepa, cache, domain, remaining: () => g.budget.remaining });
      return { body: outcome.body, tokens: { ...outcome.tokens, partial: outcome.tokens.partial || g.budget.exhausted } };
    },
    { cost: () => plan.cost },
  );
  return guarded(undefined, ctx);
}
