import { bsrBands, finderSelection, perPageFor, prepareRun, toCents, verificationOrder } from "../sourcing/index.ts";
import type { PreparedRun, ScoringSettings, SlotSpec, SourcingCache } from "../sourcing/index.ts";
import type { DiscoveryConfig, ScoringConfig } from "./profile-config.ts";
import { profileChoice } from "./select.ts";

/**
 * The profile's discovery slots: one page per BSR band of a wide range (docs/economics.md#spread-across-the-bsr-range).
 * 100 results cost what 50 do (Keepa charges per started hundred), so a page is a whole hundred and the spare ASINs
 * go to the cache.
 */
export function profileSlots(discovery: DiscoveryConfig): SlotSpec[] {
  const bands = bsrBands({ min: discovery.bsrMin, max: discovery.bsrMax });
  return bands.map((bsr, i) => ({
    id: bands.length > 1 ? `profile-band-${i + 1}` : "profile",
    selection: finderSelection({
      categoryIds: discovery.categories,
      bsr,
      priceCents: { min: toCents(discovery.priceMin), max: toCents(discovery.priceMax) },
      excludeAmazon: discovery.excludeAmazon,
      perPage: perPageFor(Math.ceil(discovery.maxResults / bands.length)),
    }),
  }));
}

/**
 * Reads the caches and plans the run within `budget` (the auto_sourcing_job budget): 0 tokens. Only entries within
 * the profile's freshness count, so the plan prices what the job will really fetch.
 */
export function planProfile(
  cache: SourcingCache,
  domain: number,
  profile: { discovery: DiscoveryConfig; scoring: ScoringConfig },
  budget: number,
  settings?: ScoringSettings,
): Promise<PreparedRun> {
  const { discovery, scoring } = profile;
  const slots = profileSlots(discovery);
  const choice = profileChoice(scoring, settings);
  return prepareRun({
    cache,
    domain,
    slots,
    budget,
    perSlot: { max: Math.ceil(discovery.maxResults / slots.length), min: 1 },
    verify: { max: scoring.verify, rank: (products) => verificationOrder(products, choice) },
    bsrRange: { min: discovery.bsrMin, max: discovery.bsrMax },
    maxAge: {
      productsMs: discovery.freshness.productsMaxAgeMinutes * 60_000,
      discoveryMs: discovery.freshness.discoveryMaxAgeMinutes * 60_000,
    },
  });
}
