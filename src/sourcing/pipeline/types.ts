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
import type { Plan } from "./plan.ts";

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

/** One discovery: a Product Finder selection (a niche, or the manual search). */
export type SlotSpec = { id: string; selection: ProductFinderSelection };

export type PreparedSlot = { spec: SlotSpec; cached: CachedDiscovery | undefined };

/** Cache reads done and the plan made, before anything is reserved. */
export type PreparedRun = {
  domain: number;
  slots: PreparedSlot[];
  /** Product-cache hits known so far, by ASIN. */
  known: Map<string, NormalizedProduct>;
  plan: Plan;
  forceRefresh: boolean;
};

export type SlotResult = {
  id: string;
  discovery: "cache" | "keepa" | "failed";
  /** The discovered ASINs, rank order. */
  asinList: string[];
  totalResults: number | null;
  /** Detailed products for this slot, rank order (cached or fetched). */
  products: NormalizedProduct[];
  /** Picked for this slot but not fetched because the run was cut. */
  notFetched: string[];
};

export type CutNote = {
  reason: CutReason;
  step: "discovery" | "details";
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
};

/** What an action reports besides its body: whether it was cut, and what the caches saved. */
export type ActionOutcome = {
  body: Record<string, unknown>;
  partial: boolean;
  cacheHits: { discovery: number; products: number };
  /** Products bought from Keepa (the rest came from the cache). */
  productsFetched?: number;
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
};
