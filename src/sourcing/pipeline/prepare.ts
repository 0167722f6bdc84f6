import { estimateCost } from "../../keepa/index.ts";
import type { SourcingCache } from "../cache/sourcing-cache.ts";
import { planSourcing } from "./plan.ts";
import type { PlanInput, PlanSlot } from "./plan.ts";
import type { PreparedRun, PreparedSlot, SlotSpec } from "./types.ts";

export type PrepareInput = {
  cache: SourcingCache;
  domain: number;
  slots: readonly SlotSpec[];
  budget: number;
  perSlot: PlanInput["perSlot"];
  /** Ignore cached data (it is still refreshed). @default false */
  forceRefresh?: boolean;
};

/** How many ranked candidates of a cached discovery can matter: enough to fill every slot after de-duplication. */
const candidateWindow = (input: PrepareInput) => Math.min(100, Math.max(1, input.perSlot.max) * input.slots.length);

/**
 * Reads the discovery and product caches (two MGETs) and plans: a cached discovery costs 0 and its cached products
 * cost 0, so a repeated request plans 0 tokens and reserves nothing.
 */
export async function prepareRun(input: PrepareInput): Promise<PreparedRun> {
  const force = input.forceRefresh ?? false;
  const cachedLists = force
    ? input.slots.map(() => undefined)
    : await input.cache.getDiscoveries(
        input.domain,
        input.slots.map((s) => s.selection),
      );
  const slots: PreparedSlot[] = input.slots.map((spec, i) => ({ spec, cached: cachedLists[i] }));
  const window = candidateWindow(input);
  const wanted = new Set<string>();
  if (input.perSlot.max > 0)
    for (const slot of slots) for (const asin of slot.cached?.asinList.slice(0, window) ?? []) wanted.add(asin);
  const known = force || wanted.size === 0 ? new Map() : await input.cache.getProducts(input.domain, [...wanted]);
  const planSlots: PlanSlot[] = slots.map((slot) => ({
    pageCost: estimateCost("query", { perPage: slot.spec.selection.perPage ?? 50 }),
    ...(slot.cached ? { candidates: slot.cached.asinList.map((asin) => ({ asin, cached: known.has(asin) })) } : {}),
  }));
  const plan = planSourcing({ budget: input.budget, slots: planSlots, perSlot: input.perSlot });
  return { domain: input.domain, slots, known, plan, forceRefresh: force };
}
