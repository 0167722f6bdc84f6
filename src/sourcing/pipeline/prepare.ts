import { estimateCost } from "../../keepa/index.ts";
import type { NormalizedProduct } from "../../keepa/index.ts";
import type { SourcingCache } from "../cache/sourcing-cache.ts";
import { discoveryListId } from "../cache/keys.ts";
import { slotProducts, slotView } from "./cards.ts";
import { VERIFY_UNIT_COST } from "./details.ts";
import type { ListPage } from "./pages.ts";
import { pickProducts } from "./pick.ts";
import { planSourcing, withVerifiedInCache } from "./plan.ts";
import type { Plan, PlanInput, PlanSlot } from "./plan.ts";
import type { MaxAge, PreparedRun, PreparedSlot, SlotSpec, VerifySpec } from "./types.ts";

export type PrepareInput = {
  cache: SourcingCache;
  domain: number;
  slots: readonly SlotSpec[];
  budget: number;
  perSlot: PlanInput["perSlot"];
  /** Ignore cached data (it is still refreshed). @default false */
  forceRefresh?: boolean;
  /** Verify the best screened products with live offers. @default none */
  verify?: VerifySpec;
  /** The BSR range asked for, reported against the screened products' spread. @default unbounded */
  bsrRange?: { min?: number | undefined; max?: number | undefined };
  /** Use only cache entries younger than these (a job's freshness); interactive reads leave it out. @default none */
  maxAge?: MaxAge;
  /** The page of each discovery list to screen (see pages.ts). @default the first */
  page?: ListPage;
};

/** Candidates are sampled across the whole list (docs/economics.md#spread-across-the-bsr-range), so all can matter. */
const CANDIDATE_WINDOW = 300;

/**
 * When every product the plan screens is cached, the verification candidates can be ranked now: those already
 * verified in the cache cost nothing, so a repeat plans 0 tokens.
 */
function verificationKnown(
  plan: Plan,
  slots: readonly PreparedSlot[],
  known: ReadonlyMap<string, NormalizedProduct>,
  verify: VerifySpec | undefined,
  page: ListPage | undefined,
): Plan {
  if (!verify || plan.verify.planned === 0 || plan.lookups > 0) return plan;
  const kept = slots.slice(0, plan.slots);
  if (kept.some((slot) => !slot.cached)) return plan;
  const views = kept.map((slot) => slotView(slot.spec, slot.cached?.asinList ?? [], page));
  const picks = pickProducts(views, plan.perSlot, known, 0);
  const cards = slotProducts(
    kept.map((slot) => slot.spec),
    views,
    picks.bySlot,
    known,
    plan.perSlot,
  );
  const screened = cards.flat().map((asin) => known.get(asin) as NormalizedProduct);
  const top = verify.rank(screened).slice(0, plan.verify.planned);
  const free = top.filter((asin) => known.get(asin)?.verification).length;
  return withVerifiedInCache(plan, free + (plan.verify.planned - top.length));
}

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
        { maxAgeMs: input.maxAge?.discoveryMs },
      );
  const slots: PreparedSlot[] = input.slots.map((spec, i) => ({ spec, cached: cachedLists[i] }));
  const view = (slot: PreparedSlot) =>
    slot.cached ? slotView(slot.spec, slot.cached.asinList, input.page) : undefined;
  const wanted = new Set<string>();
  if (input.perSlot.max > 0)
    for (const slot of slots) for (const asin of view(slot)?.slice(0, CANDIDATE_WINDOW) ?? []) wanted.add(asin);
  const known =
    force || wanted.size === 0
      ? new Map()
      : await input.cache.getProducts(input.domain, [...wanted], { maxAgeMs: input.maxAge?.productsMs });
  const planSlots: PlanSlot[] = slots.map((slot) => ({
    pageCost: estimateCost("query", { perPage: slot.spec.selection.perPage ?? 50 }),
    list: discoveryListId(slot.spec.selection),
    ...(slot.cached ? { candidates: (view(slot) ?? []).map((asin) => ({ asin, cached: known.has(asin) })) } : {}),
  }));
  const verify = input.verify ? { max: input.verify.max, unitCost: VERIFY_UNIT_COST } : undefined;
  const planned = planSourcing({
    budget: input.budget,
    slots: planSlots,
    perSlot: input.perSlot,
    ...(verify ? { verify } : {}),
  });
  const plan = verificationKnown(planned, slots, known, input.verify, input.page);
  const range = { min: input.bsrRange?.min ?? null, max: input.bsrRange?.max ?? null };
  return {
    domain: input.domain,
    slots,
    known,
    plan,
    forceRefresh: force,
    verify: input.verify,
    bsrRange: range,
    ...(input.maxAge ? { maxAge: input.maxAge } : {}),
    ...(input.page ? { page: input.page } : {}),
  };
}
