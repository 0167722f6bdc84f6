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
  notes: string[];
};

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
    for (const candidate of slot.candidates) {
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

function costOf(
  slots: readonly PlanSlot[],
  m: number,
  k: number,
): { discovery: number; lookups: number; total: number } {
  const discovery = slots.slice(0, m).reduce((sum, s) => sum + queryCost(s), 0);
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
  const cold = input.slots.map((slot) => ({ pageCost: slot.pageCost }));
  return largestFit(cold, input) ?? largestFit(input.slots, input);
}

function notesFor(input: PlanInput, m: number, k: number, cost: ReturnType<typeof costOf>): string[] {
  const notes: string[] = [];
  const n = input.slots.length;
  const cached = input.slots.slice(0, m).filter((s) => s.candidates !== undefined).length;
  notes.push(
    `${m} discovery page(s) for ${cost.discovery} tokens${cached > 0 ? ` (${cached} from cache)` : ""}, up to ` +
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
      notes,
    };
  }
  const { m, k } = picked;
  const cost = costOf(input.slots, m, k);
  return {
    ...base,
    fits: true,
    cost: cost.total,
    discoveryCost: cost.discovery,
    lookups: cost.lookups,
    slots: m,
    perSlot: k,
    cachedDiscoveries: input.slots.slice(0, m).filter((s) => s.candidates !== undefined).length,
    shrunk: m < requested.slots || k < requested.perSlot,
    notes: notesFor(input, m, k, cost),
  };
}

/** One product lookup by ASIN or code (GET /keepa/test): 1 token (stats, no history, no offers), 0 when cached. */
export function planLookup(budget: number, cached: boolean): Plan {
  const cost = cached ? 0 : 1;
  const fits = cost <= budget;
  return {
    fits,
    budget,
    cost: fits ? cost : 0,
    discoveryCost: 0,
    lookups: cost,
    slots: 0,
    perSlot: 1,
    requested: { slots: 0, perSlot: 1 },
    minimumCost: cost,
    cachedDiscoveries: 0,
    shrunk: false,
    notes: [
      cached ? "served from the product cache: 0 tokens" : "1 product lookup at 1 token (stats, no history, no offers)",
    ],
  };
}
