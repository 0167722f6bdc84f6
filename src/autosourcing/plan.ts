import { finderSelection, perPageFor, prepareRun, toCents } from "../sourcing/index.ts";
import type { PreparedRun, SlotSpec, SourcingCache } from "../sourcing/index.ts";
import type { DiscoveryConfig } from "./profile-config.ts";

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
      priceCents: { min: toCents(discovery.priceMin), max: toCents(discovery.priceMax) },
      excludeAmazon: discovery.excludeAmazon,
      perPage: perPageFor(discovery.maxResults),
    }),
  };
}

/** Reads the caches and plans the run within `budget` (the auto_sourcing_job budget): 0 tokens. */
export function planProfile(
  cache: SourcingCache,
  domain: number,
  discovery: DiscoveryConfig,
  budget: number,
): Promise<PreparedRun> {
  return prepareRun({
    cache,
    domain,
    slots: [profileSlot(discovery)],
    budget,
    perSlot: { max: discovery.maxResults, min: 1 },
  });
}
