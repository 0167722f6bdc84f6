/**
 * Token-aware planning (docs/token-ledger.md#planning-before-reserving): before an action reserves anything it decides
 * which Keepa calls it will make, so the reservation is the plan's upper bound and the plan never exceeds the action's
 * budget. A plan is a number of discovery "slots" (one Product Finder page each: a niche, or the manual search) and a
 * number of products per slot to fetch with /product (1 token each) and score. When the budget cannot cover the ask,
 * slots go first (fewer niches, each still worth showing), then products per slot; the plan says what it dropped.
 *
 * The plan's shape (slots × products) is chosen as if nothing were cached, so the same request always gets the same
 * answer and the cache only makes it cheaper: a repeat costs 0 instead of buying extra products. Only when the cold
 * plan does not fit at all does the cache-aware plan decide the shape (e.g. 10 tokens with a cached discovery).
 */

/** One discovery the action needs. */
export type PlanSlot = {
  /** Tokens the discovery's Product Finder page costs (estimateCost("query")) when it has to run. */
  pageCost: number;
  /** The cached ASIN list in rank order, flagged by product-cache presence; absent when the discovery must run. */
  candidates?: readonly { asin: string; cached: boolean }[];
  /** The list's id: slots naming the same list share its one Product Finder page, paid for once. @default its own */
  list?: string;
};

export type PlanInput = {
  /** What the action may spend at most (its registry budget). */
  budget: number;
  slots: readonly PlanSlot[];
  /**
   * Products to detail and score per slot: `max` wanted, `min` below which a slot is not worth its query. 0 = ASINs
   * only.
   */
  perSlot: { max: number; min: number };
  /** Screened products to verify with live offers at most, and what one costs (docs/economics.md#two-stage-funnel). */
  verify?: { max: number; unitCost: number };
};

/** The funnel's second stage: how many screened products the budget lets the run verify with live offers. */
export type VerifyPlan = {
  requested: number;
  planned: number;
  /** Upper bound per product: `offers=20` is at most 2 pages of 6 tokens. */
  unitCost: number;
  /** Tokens reserved for it: `planned × unitCost`, less the candidates already verified in the cache. */
  cost: number;
};

export type Plan = {
  fits: boolean;
  budget: number;
  /** Tokens to reserve: discovery + lookups, an upper bound of the spend. */
  cost: number;
  discoveryCost: number;
  /** Upper bound of /product lookups (products neither cached nor already picked). */
  lookups: number;
  /** Slots kept (the first `slots` of the input) and products per slot. */
  slots: number;
  perSlot: number;
  requested: { slots: number; perSlot: number };
  /** The cheapest plan that yields anything; what a refusal asks for. */
  minimumCost: number;
  cachedDiscoveries: number;
  shrunk: boolean;
  verify: VerifyPlan;
  notes: string[];
};

const NO_VERIFY: VerifyPlan = { requested: 0, planned: 0, unitCost: 0, cost: 0 };

/**
 * The order a list's candidates are tried in: `k` picks spread evenly over the list first (a rank-sorted page
 * otherwise yields only its fast edge, docs/economics.md#spread-across-the-bsr-range), then the rest in rank order.
 */
export function sampleOrder<T>(list: readonly T[], k: number): T[] {
  if (k <= 0 || k >= list.length) return [...list];
  const first = new Set<number>();
  for (let j = 0; j < k; j++) first.add(Math.floor((j * list.length) / k));
  const rest = list.filter((_, i) => !first.has(i));
  return [...[...first].map((i) => list[i] as T), ...rest];
}

/** /product lookups needed for `k` products in each of the first `m` slots, de-duplicated across slots. */
export function lookupsFor(slots: readonly PlanSlot[], m: number, k: number): number {
  const picked = new Set<string>();
  let lookups = 0;
  for (const slot of slots.slice(0, m)) {
    if (!slot.candidates) {
      lookups += k;
      continue;
    }
    let taken = 0;
    for (const candidate of sampleOrder(slot.candidates, k)) {
      if (taken >= k) break;
      if (picked.has(candidate.asin)) continue;
      picked.add(candidate.asin);
      taken += 1;
      if (!candidate.cached) lookups += 1;
    }
  }
  return lookups;
}

const queryCost = (slot: PlanSlot): number => (slot.candidates ? 0 : slot.pageCost);

/** The first `m` slots' distinct lists (a shared list is one Product Finder page however many slots use it). */
function pagesOf(slots: readonly PlanSlot[], m: number): PlanSlot[] {
  const seen = new Set<string>();
  return slots.slice(0, m).filter((slot, i) => {
    const key = slot.list ?? `#${i}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The cold view of the slots: nothing cached, each list still shared by the slots that name it. */
const coldSlots = (slots: readonly PlanSlot[]): PlanSlot[] =>
  slots.map((slot) => ({ pageCost: slot.pageCost, ...(slot.list !== undefined ? { list: slot.list } : {}) }));

function costOf(
  slots: readonly PlanSlot[],
  m: number,
  k: number,
): { discovery: number; lookups: number; total: number } {
  const discovery = pagesOf(slots, m).reduce((sum, s) => sum + queryCost(s), 0);
  const lookups = k > 0 ? lookupsFor(slots, m, k) : 0;
  return { discovery, lookups, total: discovery + lookups };
}

/** The largest (slots, products per slot) that fits the budget, preferring more slots. */
function largestFit(slots: readonly PlanSlot[], input: PlanInput): { m: number; k: number } | undefined {
  const { max, min } = input.perSlot;
  for (let m = slots.length; m >= 1; m--) {
    for (let k = max; k >= Math.min(min, max); k--) {
      if (costOf(slots, m, k).total <= input.budget) return { m, k };
    }
  }
  return undefined;
}

/** Shape from the cold plan (nothing cached) when it fits, else from the cache-aware one. */
function choose(input: PlanInput): { m: number; k: number } | undefined {
  return largestFit(coldSlots(input.slots), input) ?? largestFit(input.slots, input);
}

function notesFor(input: PlanInput, m: number, k: number, cost: ReturnType<typeof costOf>): string[] {
  const notes: string[] = [];
  const n = input.slots.length;
  const pages = pagesOf(input.slots, m);
  const cached = pages.filter((s) => s.candidates !== undefined).length;
  const shared = m > pages.length ? ` shared by ${m} discoveries` : "";
  const fromCache = cached > 0 ? ` (${cached} from cache)` : "";
  notes.push(
    `${pages.length} discovery page(s)${shared} for ${cost.discovery} tokens${fromCache}, up to ` +
      `${cost.lookups} product lookup(s) at 1 token`,
  );
  if (m < n)
    notes.push(
      `budget ${input.budget} covers ${m} of the ${n} discoveries asked for, with at least ${input.perSlot.min} ` +
        "product(s) each",
    );
  if (k < input.perSlot.max)
    notes.push(`budget ${input.budget} covers ${k} of the ${input.perSlot.max} products asked for per discovery`);
  return notes;
}

/**
 * Verifications the budget leaves room for after the cold shape's screening, so the same request verifies the same
 * number of products whatever is cached (a cached verified product then costs 0, see {@link withVerifiedInCache}).
 */
function planVerify(input: PlanInput, coldCost: number): VerifyPlan {
  const spec = input.verify;
  if (!spec || spec.max <= 0) return NO_VERIFY;
  const room = Math.max(0, input.budget - coldCost);
  const planned = Math.min(spec.max, spec.unitCost > 0 ? Math.floor(room / spec.unitCost) : spec.max);
  return { requested: spec.max, planned, unitCost: spec.unitCost, cost: planned * spec.unitCost };
}

function verifyNote(input: PlanInput, verify: VerifyPlan): string[] {
  if (verify.requested === 0) return [];
  const head = `${verify.planned} of the ${verify.requested} best screened product(s) verified with live offers`;
  const tail = verify.planned < verify.requested ? `: budget ${input.budget} covers ${verify.planned}` : "";
  return [`${head}, up to ${verify.unitCost} tokens each${tail}`];
}

/**
 * `free` of the planned verifications are already verified in the product cache: the plan stops reserving for them.
 * Known only when every screened product is cached (the candidates can be ranked before anything is bought).
 */
export function withVerifiedInCache(plan: Plan, free: number): Plan {
  const saved = Math.min(free, plan.verify.planned) * plan.verify.unitCost;
  if (saved === 0) return plan;
  const verify = { ...plan.verify, cost: plan.verify.cost - saved };
  return { ...plan, verify, cost: plan.cost - saved };
}

/** Plans an action within its budget; `fits: false` (cost 0) when not even the cheapest useful plan fits. */
export function planSourcing(input: PlanInput): Plan {
  const requested = { slots: input.slots.length, perSlot: input.perSlot.max };
  const minimumCost =
    input.slots.length === 0 ? 0 : costOf(input.slots, 1, Math.min(input.perSlot.min, input.perSlot.max)).total;
  const base = { budget: input.budget, requested, minimumCost };
  const picked = input.slots.length === 0 ? undefined : choose(input);
  if (!picked) {
    const notes = [`the cheapest useful plan costs ${minimumCost} tokens; the budget is ${input.budget}`];
    return {
      ...base,
      fits: false,
      cost: 0,
      discoveryCost: 0,
      lookups: 0,
      slots: 0,
      perSlot: 0,
      cachedDiscoveries: 0,
      shrunk: true,
      verify: NO_VERIFY,
      notes,
    };
  }
  const { m, k } = picked;
  const cost = costOf(input.slots, m, k);
  const coldCost = costOf(coldSlots(input.slots), m, k).total;
  const verify = planVerify(input, coldCost <= input.budget ? coldCost : cost.total);
  return {
    ...base,
    fits: true,
    cost: cost.total + verify.cost,
    discoveryCost: cost.discovery,
    lookups: cost.lookups,
    slots: m,
    perSlot: k,
    cachedDiscoveries: input.slots.slice(0, m).filter((s) => s.candidates !== undefined).length,
    shrunk: m < requested.slots || k < requested.perSlot,
    verify,
    notes: [...notesFor(input, m, k, cost), ...verifyNote(input, verify)],
  };
}

/**
 * One product lookup by ASIN or code (GET /keepa/test): verified with live offers when the budget allows (up to
 * `verifyCost`, 0 when a verified copy is cached), else screened for 1 token (stats, no history, no offers; 0 cached).
 */
export function planLookup(budget: number, cached: "none" | "screened" | "verified", verifyCost = 0): Plan {
  const verifies = verifyCost > 0 && (cached === "verified" || verifyCost <= budget);
  const cost = cached === "verified" || (cached === "screened" && !verifies) ? 0 : verifies ? verifyCost : 1;
  const fits = cost <= budget;
  const verify: VerifyPlan =
    verifyCost > 0
      ? { requested: 1, planned: verifies ? 1 : 0, unitCost: verifyCost, cost: verifies && fits ? cost : 0 }
      : NO_VERIFY;
  const notes = [
    cost === 0
      ? `served from the product cache${cached === "verified" ? " (verified)" : ""}: 0 tokens`
      : verifies
        ? `1 product with live offers, up to ${verifyCost} tokens (2 offer pages)`
        : "1 product lookup at 1 token (stats, no history, no offers)",
  ];
  if (verifyCost > 0 && !verifies) notes.push(`budget ${budget} cannot verify (${verifyCost}): provisional`);
  return {
    fits,
    budget,
    cost: fits ? cost : 0,
    discoveryCost: 0,
    lookups: verifies ? 0 : cost,
    slots: 0,
    perSlot: 1,
    requested: { slots: 0, perSlot: 1 },
    minimumCost: cost,
    cachedDiscoveries: 0,
    shrunk: false,
    verify,
    notes,
  };
}
