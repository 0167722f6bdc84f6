// discover_with_scoring without the ledger, for B3: the same endpoint pipeline, steps, planned action (Keepa calls,
// scoring) as netlify/functions/products-discover-with-scoring.mts, with the guard replaced by nothing (or by `gate`).
import { authenticate, defineEndpoint, planTooBigProblem, scope } from "../../src/app/index.ts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import { jsonResponse, problems } from "../../src/shared/index.ts";
import { discoverWithScoringBody, planDiscoverWithScoring } from "../../src/sourcing/index.ts";

/** Decides before any Keepa call; false = refuse with 429. */
export type Gate = (cost: number) => Promise<boolean>;

export function unguardedDiscover(gate?: Gate): EndpointHandler<Runtime> {
  return defineEndpoint({
    name: "bench-discover-unguarded",
    methods: ["POST"],
    steps: [authenticate, scope("tokens:spend")],
    body: discoverWithScoringBody,
    handle: async ({ body }, ctx) => {
      if (!body) throw problems.badRequest("Send a JSON body.");
      const { plan, run } = await planDiscoverWithScoring(body, ctx.runtime.planning);
      if (!plan.fits) throw planTooBigProblem("manual_search", plan);
      if (gate && !(await gate(plan.cost))) return jsonResponse({ title: "Too Many Requests" }, { status: 429 });
      // An unmetered client: nothing admits or settles these calls.
      const outcome = await run({ keepa: ctx.runtime.keepa(), remaining: () => plan.cost });
      return jsonResponse(outcome.body);
    },
  });
}
