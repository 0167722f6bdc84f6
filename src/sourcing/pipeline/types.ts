import type {
  KeepaClient,
  KeepaError,
  KeepaErrorKind,
  NormalizedProduct,
  ProductFinderSelection,
} from "../../keepa/index.ts";
import type { ActionName } from "../../tokens/index.ts";
import type { CachedDiscovery, SourcingCache } from "../cache/sourcing-cache.ts";
import type { CutReason } from "../discovery/cut.ts";
import type { ListPage } from "./pages.ts";
import type { Plan } from "./plan.ts";
import type { ScoringConfig } from "../scoring/config.ts";

/**
 * What a run needs from its caller. Interactive endpoints pass the guard's metered client and budget; a batch job
 * (AutoSourcing) passes its own, with a bigger budget: the pipeline is the same.
 */
export type SourcingRuntime = {
  /** A client whose meter enforces the reservation (every request's estimate must fit before it is sent). */
  keepa: Pick<KeepaClient, "query" | "products">;
  cache: SourcingCache;
  domain: number;
  /** Tokens the run may still commit. */
  remaining: () => number;
  /** @default Date.now */
  now?: () => number;
};

/**
 * A slot whose list is shared (docs/economics.md#pages-from-the-cached-list): its selection is the widest ranges of
 * the niches it shares with, so its own products are the list's that pass `accepts` (its own, narrower ranges).
 */
export type SlotShare = {
  /** The part of the shared list the slot samples from (where its ranks should be). */
  part(list: readonly string[]): readonly string[];
  /** Whether a screened product is the slot's: the Product Finder filters the shared query widened. */
  accepts(product: NormalizedProduct): boolean;
};

/** One discovery: a Product Finder selection (a niche, or the manual search). */
export type SlotSpec = { id: string; selection: ProductFinderSelection; share?: SlotShare | undefined };

export type PreparedSlot = { spec: SlotSpec; cached: CachedDiscovery | undefined };

/**
 * The funnel's second stage (docs/economics.md#two-stage-funnel): `rank` orders screened products best first for
 * the action's own scoring (strategy, condition, cost model); the plan says how many of them are verified.
 */
export type VerifySpec = { max: number; rank(products: readonly NormalizedProduct[]): string[] };

/** Cache reads done and the plan made, before anything is reserved. */
export type PreparedRun = {
  domain: number;
  slots: PreparedSlot[];
  /** Product-cache hits known so far, by ASIN. */
  known: Map<string, NormalizedProduct>;
  plan: Plan;
  forceRefresh: boolean;
  verify: VerifySpec | undefined;
  /** The BSR range asked for, to report the screened products' spread against it. */
  bsrRange: { min: number | null; max: number | null };
  /** The oldest cache entries the run may use (jobs' freshness); none: whatever the cache TTLs kept. */
  maxAge?: MaxAge | undefined;
  /** The page of each discovery list the run screens (pages.ts); none: the first. */
  page?: ListPage | undefined;
};

/** Cache entries older than these (ms) are misses for the run; each bound is optional. */
export type MaxAge = { productsMs?: number | undefined; discoveryMs?: number | undefined };

export type SlotResult = {
  id: string;
  discovery: "cache" | "keepa" | "failed";
  /** The discovered ASINs, rank order. */
  asinList: string[];
  /** The discovery list's id (a hash of its Product Finder selection) and when Keepa produced it. */
  list: { id: string; fetchedAt: number | null };
  totalResults: number | null;
  /** Detailed products for this slot, rank order (cached or fetched). */
  products: NormalizedProduct[];
  /** Picked for this slot but not fetched because the run was cut. */
  notFetched: string[];
};

/** Where the screened products sit in the BSR range asked for (docs/economics.md#spread-across-the-bsr-range). */
export type BsrSpread = {
  range: { min: number | null; max: number | null };
  bands: number;
  screened: number;
  min: number | null;
  median: number | null;
  max: number | null;
};

export type CutNote = {
  reason: CutReason;
  step: "discovery" | "details" | "verify";
  detail: string;
  /** What Keepa failed with, when it did (reason keepa_error): `server`, `timeout`, `network`, … */
  keepaError?: KeepaErrorKind;
};

/** What stopped a run early: the notes the answer shows, and Keepa's own failures (not shown, rethrown if alone). */
export type Cuts = { notes: CutNote[]; failures: KeepaError[] };

export type RunResult = {
  slots: SlotResult[];
  partial: boolean;
  cuts: CutNote[];
  /**
   * Keepa failed and the run has nothing to show for it (no ASIN list, no product): the first failure, for the
   * caller to answer as an outage rather than as an empty success.
   */
  outage: KeepaError | undefined;
  cache: { discoveryHits: number; productHits: number; productsFetched: number };
  /** ASINs this run bought from Keepa (screened or verified): fresh observations, unlike cache hits. */
  fetched: ReadonlySet<string>;
  /** Products verified with live offers: fetched now, or already verified in the cache. */
  verified: { fetched: number; fromCache: number; candidates: number };
  spread: BsrSpread;
};

/** What an action reports besides its body: whether it was cut, and what the caches saved. */
export type ActionOutcome = {
  body: Record<string, unknown>;
  partial: boolean;
  cacheHits: { discovery: number; products: number };
  /** Products bought from Keepa (the rest came from the cache). */
  productsFetched?: number;
  /** Products fetched again with live offers. */
  productsVerified?: number;
};

/** The metered side of a run: a client whose every request its reservation admits, and what is left of it. */
export type SpendingClient = Pick<SourcingRuntime, "keepa" | "remaining">;

/**
 * An action planned before anything is reserved (cache reads only, 0 tokens): the plan says what it will cost at
 * most, and `run` does the work within whatever budget the caller reserved for it.
 */
export type PlannedAction = {
  action: ActionName;
  plan: Plan;
  run(client: SpendingClient): Promise<ActionOutcome>;
};

/** What planning needs: the shared cache, each action's budget, the deployment's Amazon domain and a clock. */
export type PlanningDeps = {
  cache: SourcingCache;
  budget(action: ActionName): number;
  domain: number;
  now: () => number;
  /** The scoring settings a request loaded (docs/scoring.md#configuration). @default DEFAULT_SCORING_CONFIG */
  scoring?: ScoringConfig | undefined;
};
