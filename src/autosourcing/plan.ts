import { finderSelection } from "../sourcing/discovery/selection.ts";
import type { SourcingCache } from "../sourcing/cache/sourcing-cache.ts";
import { prepareRun } from "../sourcing/pipeline/prepare.ts";
import type { PreparedRun, SlotSpec } from "../sourcing/pipeline/types.ts";
import type { DiscoveryConfig } from "./profile-config.ts";

const cents = (dollars: number | undefined) => (dollars === undefined ? undefined : Math.round(dollars * 100));

/**
 * The profile's discovery as one slot. 100 results cost what 50 do (Keepa charges per started hundred), so the page
 * is always a whole hundred and the spare ASINs go to the cache.
 */
export function profileSlot(discovery: DiscoveryConfig): SlotSpec {
  return {
    id: "profile",
    selection: finderSelection({
      categoryIds: discovery.categories,
      bsr: { min: discovery.bsrMin, max: discovery.bsrMax },
      priceCents: { min: cents(discovery.priceMin), max: cents(discovery.priceMax) },
      excludeAmazon: discovery.excludeAmazon,
      perPage: Math.ceil(discovery.maxResults / 100) * 100,
    }),
  };
}

/** Reads the caches and plans the run within `budget` (the auto_sourcing_job budget): 0 tokens. */
export function planProfile(cache: SourcingCache, domain: number, discovery: DiscoveryConfig, budget: number): Promise<PreparedRun> {
  return prepareRun({ cache, domain, slots: [profileSlot(discovery)], budget, perSlot: { max: discovery.maxResults, min: 1 } });
}
