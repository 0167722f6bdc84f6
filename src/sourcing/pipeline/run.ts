import { KeepaBudgetError } from "../../keepa/index.ts";
import type { KeepaMeter, NormalizedProduct } from "../../keepa/index.ts";
import { fetchDetails, verifyProducts } from "./details.ts";
import { discoverAll } from "./discover.ts";
import type { Discovered } from "./discover.ts";
import { discoveryListId } from "../cache/keys.ts";
import { slotProducts, slotView } from "./cards.ts";
import { pickProducts } from "./pick.ts";
import type {
  ActionOutcome,
  BsrSpread,
  Cuts,
  PlanningDeps,
  PreparedRun,
  RunResult,
  SlotResult,
  SourcingRuntime,
  SpendingClient,
} from "./types.ts";

/**
 * A meter that admits nothing. A plan that costs 0 tokens (everything from cache) runs on it without any reservation,
 * so a bug that would send a Keepa request anyway fails loudly instead of spending unreserved tokens.
 */
export const closedMeter: KeepaMeter = {
  admit: (request) => {
    throw new KeepaBudgetError(`Keepa /${request.endpoint} refused: this work was planned at 0 tokens`, {
      endpoint: request.endpoint,
    });
  },
  settle: () => undefined,
};

/** Product-cache reads for lists that were not cached when the run was planned (the whole list: it is sampled). */
async function readFreshCandidates(runtime: SourcingRuntime, run: PreparedRun, found: Discovered[]): Promise<void> {
  if (run.forceRefresh || run.plan.perSlot === 0) return;
  const wanted = new Set<string>();
  for (const d of found)
    if (d.source === "keepa") for (const asin of d.list?.asinList ?? []) if (!run.known.has(asin)) wanted.add(asin);
  if (wanted.size === 0) return;
  const hits = await runtime.cache.getProducts(runtime.domain, [...wanted], { maxAgeMs: run.maxAge?.productsMs });
  for (const [asin, product] of hits) run.known.set(asin, product);
}

function slotResult(d: Discovered, chosen: string[], products: ReadonlyMap<string, NormalizedProduct>): SlotResult {
  const have = chosen.filter((asin) => products.has(asin));
  return {
    id: d.slot.spec.id,
    discovery: d.source,
    asinList: d.list?.asinList ?? [],
    list: { id: discoveryListId(d.slot.spec.selection), fetchedAt: d.list?.fetchedAt ?? null },
    // A shared list's count is its members' together, not this slot's: unknown rather than overstated.
    totalResults: d.slot.spec.share ? null : (d.list?.totalResults ?? null),
    products: have.map((asin) => products.get(asin) as NormalizedProduct),
    notFetched: chosen.filter((asin) => !products.has(asin)),
  };
}

type Verified = RunResult["verified"];

/**
 * The funnel's second stage: the plan's number of best screened products (the action's ranking), fetched again with
 * live offers unless the cache already holds them verified, never more than the budget has left.
 */
async function verifyStage(
  runtime: SourcingRuntime,
  run: PreparedRun,
  screened: readonly NormalizedProduct[],
  all: Map<string, NormalizedProduct>,
  cuts: Cuts,
  fresh: Set<string>,
): Promise<Verified> {
  const planned = run.plan.verify.planned;
  if (!run.verify || planned === 0 || screened.length === 0) return { fetched: 0, fromCache: 0, candidates: 0 };
  const top = run.verify.rank(screened).slice(0, planned);
  const need = top.filter((asin) => !all.get(asin)?.verification);
  const affordable = Math.max(0, Math.floor(runtime.remaining() / Math.max(1, run.plan.verify.unitCost)));
  const toFetch = need.slice(0, affordable);
  if (toFetch.length < need.length) {
    const detail = `${need.length - toFetch.length} of ${need.length} verification(s) left out: budget left ${runtime.remaining()}`;
    cuts.notes.push({ reason: "budget", step: "verify", detail });
  }
  const fetched = await verifyProducts(runtime, toFetch, cuts);
  for (const [asin, product] of fetched) {
    all.set(asin, product);
    fresh.add(asin);
  }
  return { fetched: fetched.size, fromCache: top.length - need.length, candidates: top.length };
}

const median = (sorted: readonly number[]): number | null => {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
};

/** Min/median/max BSR of the screened products against the range asked for. */
export function bsrSpread(run: PreparedRun, products: readonly NormalizedProduct[]): BsrSpread {
  const ranks = products
    .map((p) => p.bsr?.rank)
    .filter((r): r is number => r !== undefined)
    .sort((a, b) => a - b);
  return {
    range: run.bsrRange,
    bands: run.plan.slots,
    screened: products.length,
    min: ranks[0] ?? null,
    median: median(ranks),
    max: ranks.at(-1) ?? null,
  };
}

/**
 * discover → pick → details → verify, within the prepared plan: the slots the plan kept, `plan.perSlot` products each, at
 * most `plan.lookups` bought (and never more than the budget has left). Scoring is the caller's (its strategy).
 */
export async function executeRun(runtime: SourcingRuntime, run: PreparedRun): Promise<RunResult> {
  const cuts: Cuts = { notes: [], failures: [] };
  const found = await discoverAll(runtime, run.slots.slice(0, run.plan.slots), cuts);
  await readFreshCandidates(runtime, run, found);
  const allowance = Math.min(run.plan.lookups, runtime.remaining());
  const views = found.map((d) => slotView(d.slot.spec, d.list?.asinList ?? [], run.page));
  const picks = pickProducts(views, run.plan.perSlot, run.known, allowance);
  const fetched = await fetchDetails(runtime, picks.toFetch, cuts);
  const all = new Map([...run.known, ...fetched]);
  const specs = found.map((d) => d.slot.spec);
  const cards = slotProducts(specs, views, picks.bySlot, all, run.plan.perSlot);
  const screened = found.flatMap((d, i) => slotResult(d, cards[i] ?? [], all).products);
  const fresh = new Set(fetched.keys());
  const verified = await verifyStage(runtime, run, screened, all, cuts, fresh);
  const slots = found.map((d, i) => slotResult(d, cards[i] ?? [], all));
  const productHits = slots.reduce((n, s) => n + s.products.filter((p) => !fetched.has(p.asin)).length, 0);
  const nothing = slots.every((slot) => slot.asinList.length === 0 && slot.products.length === 0);
  return {
    slots,
    partial: cuts.notes.length > 0,
    cuts: cuts.notes,
    outage: nothing ? cuts.failures[0] : undefined,
    cache: {
      discoveryHits: found.filter((d) => d.source === "cache").length,
      productHits,
      productsFetched: fetched.size,
    },
    fetched: fresh,
    verified,
    spread: bsrSpread(run, screened),
  };
}

/**
 * Which discovery list each slot screened (`plan.discovery`): the list's id, whether it came from the cache or from
 * Keepa now, when Keepa produced it, its length, and the page of it this request screened.
 */
function discoveryUsed(prepared: PreparedRun, result: RunResult) {
  return result.slots.map((slot) => ({
    slot: slot.id,
    list: slot.list.id,
    source: slot.discovery,
    fetchedAt: slot.list.fetchedAt === null ? null : new Date(slot.list.fetchedAt).toISOString(),
    size: slot.asinList.length,
    page: prepared.page?.number ?? 1,
  }));
}

/**
 * Runs a prepared action on its metered client and answers with `body(result)` plus what every action reports:
 * its plan, whether it was cut and where, what the caches saved. Keepa failing with nothing to show is an outage:
 * it is thrown, for the caller to answer as one rather than as an empty success.
 */
export async function answerRun(
  deps: PlanningDeps,
  prepared: PreparedRun,
  client: SpendingClient,
  body: (result: RunResult) => Record<string, unknown>,
): Promise<ActionOutcome> {
  const result = await executeRun({ ...client, cache: deps.cache, domain: prepared.domain, now: deps.now }, prepared);
  if (result.outage) throw result.outage;
  return {
    body: {
      ...body(result),
      plan: {
        ...prepared.plan,
        spread: result.spread,
        verified: result.verified,
        discovery: discoveryUsed(prepared, result),
      },
      partial: result.partial,
      cuts: result.cuts,
    },
    partial: result.partial,
    cacheHits: { discovery: result.cache.discoveryHits, products: result.cache.productHits },
    productsFetched: result.cache.productsFetched,
    productsVerified: result.verified.fetched,
  };
}
