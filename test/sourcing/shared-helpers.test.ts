import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KeepaBudgetError } from "../../src/keepa/errors/budget-error.ts";
import { MAX_BSR, MAX_PRICE_DOLLARS, orderedRanges } from "../../src/sourcing/discovery/limits.ts";
import { perPageFor } from "../../src/sourcing/discovery/selection.ts";
import { discoverBody } from "../../src/sourcing/index.ts";
import { toCents } from "../../src/sourcing/scoring/math.ts";
import { closedMeter } from "../../src/sourcing/index.ts";

describe("helpers shared by the endpoints and AutoSourcing", () => {
  it("toCents: dollars → integer cents, rounding float noise; undefined stays undefined", () => {
    expect(toCents(19.99)).toBe(1999);
    expect(toCents(0.29)).toBe(29); // 0.29 × 100 = 28.999…
    expect(toCents(0)).toBe(0);
    expect(toCents(undefined)).toBeUndefined();
  });

  it.each([
    [0, 100],
    [1, 100],
    [20, 100],
    [100, 100],
    [101, 200],
    [200, 200],
  ])("perPageFor(%i) = %i (Keepa charges per started hundred)", (wanted, perPage) => {
    expect(perPageFor(wanted)).toBe(perPage);
  });

  it("orderedRanges reports an inverted pair on its max field, for any key names", () => {
    const schema = z
      .object({ lo: z.number().optional(), hi: z.number().optional() })
      .superRefine(orderedRanges([["lo", "hi"]]));
    expect(schema.safeParse({ lo: 1, hi: 1 }).success).toBe(true);
    expect(schema.safeParse({ lo: 2 }).success).toBe(true);
    const bad = schema.safeParse({ lo: 2, hi: 1 });
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ["hi"], message: "hi (1) must be ≥ lo (2)" })]);
  });

  it("the discover bodies take the shared bounds", () => {
    expect(discoverBody.safeParse({ bsrMax: MAX_BSR, priceMax: MAX_PRICE_DOLLARS }).success).toBe(true);
    expect(discoverBody.safeParse({ bsrMax: MAX_BSR + 1 }).success).toBe(false);
    expect(discoverBody.safeParse({ priceMax: MAX_PRICE_DOLLARS + 1 }).success).toBe(false);
  });

  it("closedMeter refuses every request with a budget error (a 0-token plan never reaches Keepa)", () => {
    expect(() => closedMeter.admit({ endpoint: "product", estimate: 1 })).toThrow(KeepaBudgetError);
  });
});
