import { describe, expect, it } from "vitest";
import { DEFAULT_COST_TABLE, estimateCost, productUnitCost } from "../../src/keepa/costs.ts";

describe("estimateCost", () => {
  it("prices flat endpoints from the table", () => {
    expect(estimateCost("token")).toBe(0);
    expect(estimateCost("bestsellers")).toBe(50);
    expect(estimateCost("category")).toBe(1);
    expect(estimateCost("search")).toBe(1);
    expect(estimateCost("deal")).toBe(5);
  });

  it("charges the product base per product", () => {
    expect(estimateCost("product", { products: 1 })).toBe(1);
    expect(estimateCost("product", { products: 100 })).toBe(100);
    expect(estimateCost("product", { products: 0 })).toBe(0);
  });

  it("adds buybox (+2), rating (+1), update=0 (+1), historical variations (+1)", () => {
    expect(productUnitCost({ buybox: true })).toBe(3);
    expect(productUnitCost({ rating: true })).toBe(2);
    expect(productUnitCost({ update: 0 })).toBe(2);
    expect(productUnitCost({ update: 1 })).toBe(1);
    expect(productUnitCost({ historicalVariations: true })).toBe(2);
    expect(estimateCost("product", { products: 10, buybox: true, rating: true })).toBe(40);
  });

  it("bounds offers by 6 per page of 10 requested offers, replacing the base; buybox is ignored with offers", () => {
    expect(productUnitCost({ offers: 20 })).toBe(12);
    expect(productUnitCost({ offers: 21 })).toBe(18);
    expect(productUnitCost({ offers: 100 })).toBe(60);
    expect(productUnitCost({ offers: 20, buybox: true })).toBe(12);
    expect(productUnitCost({ offers: 20, stock: true, rating: true })).toBe(15);
    expect(estimateCost("product", { products: 20, offers: 40 })).toBe(480);
  });

  it("covers the real offers fixture (47 tokens for 1 product with offers)", () => {
    // product-offers-B008N7TETU.json was fetched with offers (count not recorded) and charged 47.
    expect(estimateCost("product", { products: 1, offers: 80 })).toBeGreaterThanOrEqual(47);
  });

  it("prices the Product Finder at 10 + ceil(perPage / 100), perPage at least 50", () => {
    expect(estimateCost("query")).toBe(11);
    expect(estimateCost("query", { perPage: 10 })).toBe(11);
    expect(estimateCost("query", { perPage: 100 })).toBe(11);
    expect(estimateCost("query", { perPage: 101 })).toBe(12);
    expect(estimateCost("query", { perPage: 1000 })).toBe(20);
  });

  it("reads costs from a table passed as data", () => {
    const table = { ...DEFAULT_COST_TABLE, bestsellers: 75, query: { base: 20, perHundredResults: 2 } };
    expect(estimateCost("bestsellers", undefined, table)).toBe(75);
    expect(estimateCost("query", { perPage: 200 }, table)).toBe(24);
  });

  it("refuses a product estimate without a product count", () => {
    const endpoint: string = "product";
    expect(() => estimateCost(endpoint as "product", undefined as never)).toThrow(TypeError);
  });
});
