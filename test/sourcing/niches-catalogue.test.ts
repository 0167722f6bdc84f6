import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORY_NODES } from "../../dev/keepa-simulator/categories.ts";
import { DEV_KEEPA_KEY } from "../../dev/keepa-simulator/server.ts";
import { startSimulator } from "../helpers/simulator.ts";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { createKeepaClient } from "../../src/keepa/client.ts";
import type { KeepaClient } from "../../src/keepa/client.ts";
import { normalizeProduct } from "../../src/keepa/normalize.ts";
import { finderSelection } from "../../src/sourcing/discovery/selection.ts";
import { NICHE_PRODUCT_FILTER } from "../../src/sourcing/catalogue/niche-summary.ts";
import { NICHE_TEMPLATES, nicheCategoryIds } from "../../src/sourcing/catalogue/niches.ts";
import { SUPPORTED_CATEGORIES } from "../../src/sourcing/catalogue/supported-categories.ts";
import { scoredView } from "../../src/sourcing/scoring/view.ts";

/** Every category id we send to Product Finder exists in the catalogue, and every niche finds books there. */
describe("niche templates against the simulator catalogue", () => {
  let sim: RunningSimulator;
  let keepa: KeepaClient;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, catalogueSize: 8000 });
    keepa = createKeepaClient({ apiKey: DEV_KEEPA_KEY, baseUrl: sim.url, retry: { limit: 0 } });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it(
    "every template and supported category id is a node of the catalogue's Books tree, " + "under its expected name",
    () => {
      const nodes = new Map(CATEGORY_NODES.map((n) => [n.catId, n.name]));
      for (const id of nicheCategoryIds()) expect(nodes.has(id), `category ${id}`).toBe(true);
      for (const c of SUPPORTED_CATEGORIES) expect(nodes.get(c.id), `category ${c.id}`).toBe(c.name);
    },
  );

  it.each(NICHE_TEMPLATES.map((t) => [t.id, t] as const))("%s: its Product Finder page finds books", async (_id, t) => {
    const found = await keepa.query({
      domain: 1,
      selection: finderSelection({ categoryIds: t.categoryIds, bsr: t.bsrRange, priceCents: t.priceRangeCents }),
    });
    expect(found.totalResults).toBeGreaterThanOrEqual(10);
  });

  it(
    "most niches show products from their 10 best-ranked books " + "(cheap trade bands can have none: used ≈ new)",
    async () => {
      const showing: string[] = [];
      for (const t of NICHE_TEMPLATES) {
        const found = await keepa.query({
          domain: 1,
          selection: finderSelection({ categoryIds: t.categoryIds, bsr: t.bsrRange, priceCents: t.priceRangeCents }),
        });
        const details = await keepa.products({
          domain: 1,
          asins: found.asinList.slice(0, 10),
          stats: 90,
          history: false,
        });
        const views = details.products.map((p) => scoredView(normalizeProduct(p), { strategy: t.strategy }));
        if (
          views.some(
            (v) =>
              (v.roiPercent ?? -1) >= NICHE_PRODUCT_FILTER.minRoiPercent &&
              v.velocity >= NICHE_PRODUCT_FILTER.minVelocity,
          )
        )
          showing.push(t.id);
      }
      expect(showing.length).toBeGreaterThanOrEqual(14);
    },
  );
});
