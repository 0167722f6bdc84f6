import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeProduct, productSchema } from "../../src/keepa/index.ts";
import { scoredView } from "../../src/sourcing/index.ts";

/**
 * Real Keepa responses (test/keepa/fixtures/SOURCES.md) through the new economics: what a stats-only response can and
 * cannot price, and what live offers add (docs/economics.md#landed-prices).
 */
const NOW = Date.UTC(2026, 11, 1);
const product = (name: string) => {
  const body = JSON.parse(readFileSync(new URL(`../keepa/fixtures/${name}.json`, import.meta.url), "utf8")) as {
    products: unknown[];
  };
  return normalizeProduct(productSchema.parse(body.products[0]), { now: NOW });
};

describe("real responses", () => {
  it("a stats-only book (0593655036) has no landed price in any condition: SKIP, never csv USED in its place", () => {
    const book = product("product-book-0593655036");
    // csv 7, 10, 18 and 19–22 are all −1 in this response; USED (2) is 14.49 but excludes shipping.
    for (const condition of ["new", "used_good"] as const) {
      const view = scoredView(book, { strategy: "smart_velocity", sellCondition: condition });
      expect(view).toMatchObject({ sellPrice: null, buyCost: null, verified: false, recommendation: "SKIP" });
      expect(view.reasons).toContain(
        `no landed ${condition} price (no buy box, offer or 90/180-day average in that condition); ` +
          "not verified: live offers may show one",
      );
      // The screening estimate is labelled as the csv proxy it is.
      expect(view.estimate.basis).toBe(condition === "new" ? "csv_new_excluding_shipping" : "csv_used_any_condition");
    }
  });

  it("a response with live offers (B008N7TETU) is verified: new sells at its lowest live FBA offer, used has none", () => {
    const listing = product("product-offers-B008N7TETU");
    const fresh = scoredView(listing, { strategy: "smart_velocity", sellCondition: "new" });
    // 8 live new offers; the only FBA one is Amazon's at 49.32 + 0 shipping. Stats are null, so no buy box.
    expect(fresh.sellPrice).toMatchObject({ cents: 4932, source: "lowest_fba", live: true, condition: "new" });
    expect(fresh.competition).toEqual({ offers: 8, fbaOffers: 1, fbmOffers: 7, scope: "condition", live: true });
    expect(fresh.verified).toBe(true);
    expect(fresh.reasons).toContain("Amazon sells on this listing: rejected");
    const used = scoredView(listing, { strategy: "smart_velocity", sellCondition: "used_good" });
    expect(used.sellPrice).toBeNull();
    expect(used.competition).toMatchObject({ offers: 0, live: true });
  });
});
