import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import {
  calculateFees,
  fbaFeeForWeight,
  feeCategoryFor,
  inboundShippingCents,
} from "../../src/sourcing/scoring/fees.ts";

const books = C.fees.schedules.books;
const fallback = C.fees.schedules.default;
const product = {
  categoryId: 283155,
  categoryName: "Books",
  referralFeePercent: null,
  fbaPickAndPackFee: null,
  packageWeightGrams: 454,
};

describe("fbaFeeForWeight (books: $2.50 + $0.40/lb at the tier's upper weight)", () => {
  it.each([
    [1, 270],
    [227, 270],
    [228, 290],
    [454, 290],
    [455, 330],
    [907, 330],
    [908, 370],
    [1361, 370],
    [1362, 410],
    [1814, 410],
    [1815, 450],
  ])("%i g → %i cents", (grams, cents) => {
    expect(fbaFeeForWeight(grams, books)).toBe(cents);
  });

  it.each([
    [227, 325],
    [454, 350],
    [907, 400],
    [1361, 450],
    [1362, 500],
  ])("default schedule: %i g → %i cents", (grams, cents) => {
    expect(fbaFeeForWeight(grams, fallback)).toBe(cents);
  });
});

describe("inboundShippingCents (per actual lb)", () => {
  it.each([
    ["books", 454, 40],
    ["books", 907, 80],
    ["books", 227, 20],
    ["media", 454, 35],
    ["default", 454, 50],
  ] as const)("%s %i g → %i", (category, grams, cents) => {
    expect(inboundShippingCents(grams, C.fees.schedules[category])).toBe(cents);
  });
});

describe("feeCategoryFor", () => {
  it.each([
    [283155, null, "books"],
    [5174, null, "media"],
    [2625373011, null, "media"],
    [283155, "Music", "books"],
    [null, "Textbooks", "books"],
    [null, "Study Guides", "books"],
    [null, "CDs & Vinyl", "media"],
    [null, "Movies & TV", "media"],
    [null, "Musical Instruments", "default"],
    [999, null, "default"],
    [null, null, "default"],
  ] as const)("id %s name %s → %s", (categoryId, categoryName, expected) => {
    expect(feeCategoryFor({ categoryId, categoryName }, C)).toBe(expected);
  });
});

describe("calculateFees", () => {
  it("books $39.99, 1 lb, config fees: 600 + 180 + 290 + 40 + 20 = 1130", () => {
    const fees = calculateFees(3999, product, C);
    expect(fees).toEqual({
      feeCategory: "books",
      referralPercent: 15,
      referralSource: "config",
      referralCents: 600,
      closingCents: 180,
      fbaCents: 290,
      fbaSource: "weight_tiers",
      inboundCents: 40,
      prepCents: 20,
      totalCents: 1130,
      weightGrams: 454,
      weightSource: "keepa",
    });
  });

  it("rounds the referral fee half away from zero ($19.90 × 15 % = 298.5 → 299)", () => {
    expect(calculateFees(1990, product, C).referralCents).toBe(299);
    expect(calculateFees(2999, product, C).referralCents).toBe(450);
  });

  it("prefers the product's real Keepa referral % and pick & pack fee", () => {
    const fees = calculateFees(3999, { ...product, referralFeePercent: 8, fbaPickAndPackFee: 306 }, C);
    expect(fees.referralCents).toBe(320);
    expect(fees.referralSource).toBe("keepa");
    expect(fees.fbaCents).toBe(306);
    expect(fees.totalCents).toBe(320 + 180 + 306 + 40 + 20);
  });

  it("treats a Keepa fee of 0 as a real value, not as missing", () => {
    const fees = calculateFees(3999, { ...product, fbaPickAndPackFee: 0, referralFeePercent: 0 }, C);
    expect(fees.fbaCents).toBe(0);
    expect(fees.fbaSource).toBe("keepa");
    expect(fees.referralCents).toBe(0);
  });

  it("falls back to 1 lb with a warning when the weight is unknown", () => {
    const warnings: string[] = [];
    const fees = calculateFees(3999, { ...product, packageWeightGrams: null }, C, warnings);
    expect(fees.weightGrams).toBe(454);
    expect(fees.weightSource).toBe("default");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/weight unknown/);
  });

  it("ignores an impossible referral percent", () => {
    expect(calculateFees(1000, { ...product, referralFeePercent: 150 }, C).referralSource).toBe("config");
  });

  it("uses the heavier default schedule for non-book categories", () => {
    const fees = calculateFees(3999, { ...product, categoryId: 1055398, categoryName: "Home & Kitchen" }, C);
    expect(fees.feeCategory).toBe("default");
    expect(fees.totalCents).toBe(600 + 180 + 350 + 50 + 25);
  });
});
