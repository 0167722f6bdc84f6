import { describe, expect, it } from "vitest";
import { normalizeProduct } from "../../src/keepa/normalize.ts";
import type { KeepaProduct } from "../../src/keepa/schemas/product.ts";
import { toScoringInput } from "../../src/sourcing/scoring/from-keepa.ts";
import { findCategory } from "../../src/sourcing/catalogue/supported-categories.ts";

const product = (over: Partial<Record<string, unknown>> = {}): KeepaProduct =>
  ({
    asin: "0306406152",
    domainId: 1,
    productType: 0,
    title: "A Book",
    rootCategory: 283155,
    categoryTree: [
      { catId: 283155, name: "Books" },
      { catId: 173514, name: "Medical Books" },
    ],
    referralFeePercentage: 15,
    packageWeight: 500,
    fbaFees: { pickAndPackFee: 306 },
    stats: {
      current: [-1, 4999, 2100, 45_000],
      avg30: [-1, 5100, 2000, 40_000],
      avg90: [-1, 5200, 2200, 50_000],
      salesRankDrops30: 0,
      salesRankDrops90: 12,
    },
    ...over,
  }) as unknown as KeepaProduct;

describe("toScoringInput", () => {
  it("maps the normalized product field by field (root category drives fees; 0 rank drops stay 0)", () => {
    const input = toScoringInput(normalizeProduct(product()));
    expect(input).toMatchObject({
      asin: "0306406152",
      categoryId: 283155,
      categoryName: "Medical Books",
      bsr: 45_000,
      prices: { new: 4999, used: 2100 },
      referralFeePercent: 15,
      fbaPickAndPackFee: 306,
      packageWeightGrams: 500,
      averages: { new90: 5200, used90: 2200, bsr30: 40_000, bsr90: 50_000 },
      salesRankDrops30: 0,
      salesRankDrops90: 12,
      amazonOnListing: false,
    });
  });

  it("unknown Amazon presence when Keepa has no data (absence is not proven)", () => {
    const input = toScoringInput(normalizeProduct(product({ productType: 4, stats: undefined })));
    expect(input.dataQuality).toBe("unavailable");
    expect(input.amazonOnListing).toBeNull();
  });
});

describe("findCategory", () => {
  it("by id, digits, key or name; unknown → undefined", () => {
    expect(findCategory(173514)?.key).toBe("medical");
    expect(findCategory("173514")?.key).toBe("medical");
    expect(findCategory("Medical")?.id).toBe(173514);
    expect(findCategory("medical books")?.id).toBe(173514);
    expect(findCategory("Baby")).toBeUndefined();
    expect(findCategory(165793011)).toBeUndefined();
  });
});
