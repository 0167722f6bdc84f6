import { describe, it, expect } from "vitest";
import { BOOK_CATEGORIES } from "../../src/sourcing/catalogue/categories.ts";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { NICHE_TEMPLATES, nicheCategoryIds } from "../../src/sourcing/catalogue/niches.ts";
import { pickNiches } from "../../src/sourcing/catalogue/pick-niches.ts";
import { STRATEGY_NAMES } from "../../src/sourcing/scoring/types.ts";

const byId = (id: string) => {
  const t = NICHE_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`missing template ${id}`);
  return t;
};

describe("niche templates", () => {
  it("has the original's 17 templates with unique ids", () => {
    expect(NICHE_TEMPLATES).toHaveLength(17);
    expect(new Set(NICHE_TEMPLATES.map((t) => t.id)).size).toBe(17);
  });

  it("uses each of the 4 strategies (8 smart_velocity, 7 textbooks, 1 standard, 1 patience)", () => {
    const count = (s: string) => NICHE_TEMPLATES.filter((t) => t.strategy === s).length;
    expect(STRATEGY_NAMES.map(count)).toEqual([8, 7, 1, 1]);
  });

  it.each(NICHE_TEMPLATES.map((t) => [t.id, t] as const))(
    "%s: valid ranges inside its strategy, positive integer category ids",
    (_id, t) => {
      const s = C.strategies[t.strategy];
      expect(t.bsrRange.min).toBeGreaterThan(0);
      expect(t.bsrRange.min).toBeLessThan(t.bsrRange.max);
      expect(t.bsrRange.min).toBeGreaterThanOrEqual(s.bsrRange.min);
      expect(t.bsrRange.max).toBeLessThanOrEqual(s.bsrRange.max);
      expect(t.priceRangeCents.min).toBeLessThan(t.priceRangeCents.max);
      expect(t.rootCategoryId).toBe(283155);
      expect(t.categoryIds.length).toBeGreaterThan(0);
      for (const id of t.categoryIds) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
      expect(t.name.length).toBeGreaterThan(0);
    },
  );

  it("standard and patience BSR ranges are contiguous (templates and strategies)", () => {
    expect(byId("textbook-standard-general").bsrRange.max).toBe(byId("textbook-patience-general").bsrRange.min);
    expect(C.strategies.textbooks_standard.bsrRange.max).toBe(C.strategies.textbooks_patience.bsrRange.min);
  });

  it("patience is stricter than standard (profit, ROI, FBA competition)", () => {
    for (const [p, s] of [
      [byId("textbook-patience-general"), byId("textbook-standard-general")],
      [C.strategies.textbooks_patience, C.strategies.textbooks_standard],
    ] as const) {
      expect(p.minProfitCents).toBeGreaterThan(s.minProfitCents);
      expect(p.minRoiPercent).toBeGreaterThan(s.minRoiPercent);
      expect(p.maxFbaSellers).toBeLessThan(s.maxFbaSellers);
    }
  });

  it("keeps the original templates' numbers (spot checks)", () => {
    expect(byId("romance-contemporary")).toMatchObject({
      bsrRange: { min: 10_000, max: 40_000 },
      priceRangeCents: { min: 1500, max: 2800 },
      minRoiPercent: 35,
      minVelocity: 65,
    });
    expect(byId("textbook-medical")).toMatchObject({
      minProfitCents: 2500,
      priceRangeCents: { min: 5000, max: 25_000 },
      minVelocity: 25,
    });
  });

  it("never uses the original's ids that are not Books subcategories", () => {
    const bad = [
      1000, 2, 5267, 11748, 10677, 10188, 2766, 2767, 13912, 13884, 227613, 10927, 13611, 13887, 15371, 3654,
    ];
    const known = new Set<number>(Object.values(BOOK_CATEGORIES).map((c) => c.id));
    for (const id of nicheCategoryIds()) {
      expect(bad).not.toContain(id);
      expect(known.has(id)).toBe(true);
    }
  });

  it("lists every category id the templates need", () => {
    expect(nicheCategoryIds()).toEqual([
      3, 4, 5, 6, 10, 17, 18, 23, 75, 3508, 3839, 4736, 10777, 11232, 173514, 173515, 266117, 283155, 8975347011,
    ]);
  });
});

describe("pickNiches", () => {
  it("is deterministic for a seed and returns distinct templates", () => {
    const a = pickNiches(3, 42).map((t) => t.id);
    expect(pickNiches(3, 42).map((t) => t.id)).toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it("different seeds give different picks", () => {
    const picks = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        pickNiches(3, seed)
          .map((t) => t.id)
          .join(","),
      ),
    );
    expect(picks.size).toBeGreaterThan(4);
  });

  it("never repeats, even when asking for more than exist", () => {
    const all = pickNiches(50, 7);
    expect(all).toHaveLength(17);
    expect(new Set(all.map((t) => t.id)).size).toBe(17);
  });

  it("filters by strategy", () => {
    const picks = pickNiches(5, 9, { strategy: "textbooks" });
    expect(picks).toHaveLength(5);
    expect(picks.every((t) => t.strategy === "textbooks")).toBe(true);
    expect(pickNiches(3, 9, { strategy: "textbooks_patience" }).map((t) => t.id)).toEqual([
      "textbook-patience-general",
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN])("count %d → []", (count) => {
    expect(pickNiches(count, 1)).toEqual([]);
  });

  it("does not mutate the template list", () => {
    const before = NICHE_TEMPLATES.map((t) => t.id);
    pickNiches(10, 123);
    expect(NICHE_TEMPLATES.map((t) => t.id)).toEqual(before);
  });
});
