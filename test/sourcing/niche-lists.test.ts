// Several niches from one Product Finder page (docs/economics.md#pages-from-the-cached-list): niches of the same
// categories whose ranges join share one list over their widest ranges, each keeps the screened products its own
// ranges accept, and the plan names the shared list each used.
import { describe, expect, it } from "vitest";
import { parseFinder, runFinder } from "../../dev/keepa-simulator/routes/query.ts";
import niches from "../../netlify/functions/niches-discover.mts";
import { nicheListMembers, nicheSlot } from "../../src/sourcing/catalogue/niche-lists.ts";
import { NICHE_TEMPLATES } from "../../src/sourcing/catalogue/niches.ts";
import type { NicheTemplate } from "../../src/sourcing/catalogue/niches.ts";
import { pickNiches } from "../../src/sourcing/catalogue/pick-niches.ts";
import { finderSelection } from "../../src/sourcing/discovery/selection.ts";
import { slotProducts } from "../../src/sourcing/pipeline/cards.ts";
import { planSourcing } from "../../src/sourcing/pipeline/plan.ts";
import type { NormalizedProduct } from "../../src/keepa/index.ts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";

const byId = (id: string): NicheTemplate => {
  const t = NICHE_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`missing template ${id}`);
  return t;
};
const ownSelection = (t: NicheTemplate) =>
  finderSelection({ categoryIds: t.categoryIds, bsr: t.bsrRange, priceCents: t.priceRangeCents });
const shared = NICHE_TEMPLATES.filter((t) => nicheListMembers(t).length > 1);

describe("which niches share a Product Finder list", () => {
  it("same categories and joined ranges share (one box inside the other, or one range the same)", () => {
    const groups = new Set(
      shared.map((t) =>
        nicheListMembers(t)
          .map((m) => m.id)
          .join(" + "),
      ),
    );
    expect([...groups]).toEqual([
      "wellness-journals + fitness-home-workout",
      "textbook-standard-general + textbook-patience-general",
    ]);
    const [wellness, fitness] = [nicheSlot(byId("wellness-journals")), nicheSlot(byId("fitness-home-workout"))];
    expect(wellness.selection).toEqual(fitness.selection);
    expect(wellness.selection).toMatchObject({ current_SALES_gte: 10_000, current_SALES_lte: 60_000, perPage: 100 });
    // Fitness's own ranges are the widest: it takes the whole list; wellness keeps what its own ranges accept.
    expect(fitness.share).toBeUndefined();
    expect(wellness.share).toBeDefined();
  });

  it("ranges that would widen into products neither niche wants keep their own list", () => {
    // Programming $20–50 at 10k–80k and CS textbooks $40–150 at 30k–200k: the union would buy fast $100 books.
    expect(nicheListMembers(byId("tech-books-python"))).toHaveLength(1);
    expect(nicheListMembers(byId("textbook-computer-science"))).toHaveLength(1);
  });

  it("a niche sharing with nobody asks Product Finder exactly what it did before", () => {
    for (const t of NICHE_TEMPLATES.filter((x) => nicheListMembers(x).length === 1)) {
      expect(nicheSlot(t)).toEqual({ id: t.id, selection: ownSelection(t) });
    }
  });

  it("the plan pays a shared list's page once, however many slots use it", () => {
    const slots = [
      { pageCost: 11, list: "a" },
      { pageCost: 11, list: "a" },
      { pageCost: 11, list: "b" },
    ];
    const plan = planSourcing({ budget: 100, slots, perSlot: { max: 10, min: 3 } });
    expect(plan).toMatchObject({ slots: 3, perSlot: 10, discoveryCost: 22, lookups: 30, cost: 52 });
    expect(plan.notes[0]).toContain("2 discovery page(s) shared by 3 discoveries for 22 tokens");
  });
});

describe("slotProducts", () => {
  const rank = (asin: string) => Number(asin.slice(1));
  const known = (asins: string[]) =>
    new Map(asins.map((asin) => [asin, { asin, bsr: { rank: rank(asin) } } as unknown as NormalizedProduct]));
  const LIST = Array.from({ length: 12 }, (_, i) => `B${i + 1}`);
  const fast = {
    id: "fast",
    selection: {},
    share: { part: (l: readonly string[]) => l, accepts: (p: NormalizedProduct) => (p.bsr?.rank ?? 0) <= 6 },
  };
  const slow = {
    id: "slow",
    selection: {},
    share: { part: (l: readonly string[]) => l, accepts: (p: NormalizedProduct) => (p.bsr?.rank ?? 0) > 6 },
  };

  it("keeps the picks a shared slot accepts, topped up for free with known ones it accepts (a sibling's rejects)", () => {
    const picks = [
      ["B1", "B7", "B8"],
      ["B2", "B9", "B10"],
    ];
    const products = known(["B1", "B2", "B3", "B7", "B8", "B9", "B10"]);
    const cards = slotProducts([fast, slow], [LIST, LIST], picks, products, 3);
    // fast rejects B7, B8 and takes B2 (slow's reject) and B3 (known); slow takes B7 (fast's reject).
    expect(cards).toEqual([
      ["B1", "B2", "B3"],
      ["B7", "B9", "B10"],
    ]);
  });

  it("leaves a slot of its own list as picked, and never buys: unknown products do not top up", () => {
    const own = { id: "own", selection: {} };
    expect(slotProducts([own], [LIST], [["B7", "B9"]], known(["B7"]), 3)).toEqual([["B7", "B9"]]);
    expect(slotProducts([fast], [LIST], [["B7"]], known(["B7"]), 3)).toEqual([[]]);
  });
});

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

type Discovery = { slot: string; list: string; source: string; size: number; page: number };
type Card = { id: string; productsScored: number; topProducts: { asin: string }[] };
type SurprisePlan = { discoveryCost: number; discovery: Discovery[] };

const surprise = (seed: number) => call(sim, niches, `/api/v1/niches/discover?count=3&seed=${seed}`);
const queries = (since: number) =>
  sim.sim
    .getLog()
    .slice(since)
    .filter((e) => e.endpoint === "query" && e.admitted);
/** The first seed whose 3 niches satisfy `test` (the picks are deterministic per seed). */
const seedWhere = (test: (ids: string[]) => boolean): number => {
  for (let seed = 1; seed < 1000; seed++) if (test(pickNiches(3, seed).map((t) => t.id))) return seed;
  throw new Error("no such seed");
};
/** What the simulator holds for an ASIN: the rank and NEW price Product Finder filtered on. */
const truth = (asin: string) => {
  const entry = sim.sim.catalogue.get(asin);
  if (!entry) throw new Error(`unknown ${asin}`);
  return { rank: entry.salesRank, price: entry.newPrice };
};
const inRanges = (t: NicheTemplate, asin: string) => {
  const { rank, price } = truth(asin);
  return (
    rank >= t.bsrRange.min && rank <= t.bsrRange.max && price >= t.priceRangeCents.min && price <= t.priceRangeCents.max
  );
};

describe("Surprise me on shared lists (simulator)", () => {
  it("two niches of one list in one surprise: one Product Finder call, both name the shared list", async () => {
    const seed = seedWhere((ids) => ids.includes("wellness-journals") && ids.includes("fitness-home-workout"));
    const logBefore = sim.sim.getLog().length;
    const first = await surprise(seed);
    expect(first.status).toBe(200);
    expect(queries(logBefore)).toHaveLength(2);
    const plan = first.body.plan as SurprisePlan;
    expect(plan.discoveryCost).toBe(22);
    const slot = (id: string) => plan.discovery.find((d) => d.slot === id) as Discovery;
    const [wellness, fitness] = [slot("wellness-journals"), slot("fitness-home-workout")];
    expect(wellness.list).toBe(fitness.list);
    expect(wellness).toMatchObject({ source: "keepa", size: fitness.size });
    expect(wellness.size).toBeGreaterThan(50);
    const cards = [...(first.body.niches as Card[])];
    for (const card of cards) {
      expect(card.productsScored).toBeGreaterThanOrEqual(3);
      for (const p of card.topProducts) expect(inRanges(byId(card.id), p.asin), `${card.id} ${p.asin}`).toBe(true);
    }
    const again = await surprise(seed);
    expect(again.spent).toBe(0);
    expect(again.requests).toBe(0);
  });

  it("a later surprise picking the sibling niche is served from the list the first one cached", async () => {
    const one = seedWhere((ids) => ids.includes("wellness-journals") && !ids.includes("fitness-home-workout"));
    const two = seedWhere(
      (ids) =>
        ids.includes("fitness-home-workout") &&
        !ids.includes("wellness-journals") &&
        pickNiches(3, one).every((t) => !ids.includes(t.id)),
    );
    const first = await surprise(one);
    const list = (first.body.plan as SurprisePlan).discovery.find((d) => d.slot === "wellness-journals");
    expect(list?.source).toBe("keepa");
    const logBefore = sim.sim.getLog().length;
    const second = await surprise(two);
    expect(second.status).toBe(200);
    const plan = second.body.plan as SurprisePlan;
    expect(plan.discovery.find((d) => d.slot === "fitness-home-workout")).toMatchObject({
      list: list?.list,
      source: "cache",
    });
    // Only the other two niches' pages were bought.
    expect(queries(logBefore)).toHaveLength(2);
    expect(plan.discoveryCost).toBe(22);
  });

  it("each shared page holds enough of every member's own products, and none that no member wants", () => {
    const finder = (selection: Record<string, unknown>, perPage = 10_000) =>
      runFinder({ catalogue: sim.sim.catalogue } as never, parseFinder({ ...selection, perPage })).asinList;
    for (const t of shared) {
      const page = finder(nicheSlot(t).selection, 100);
      const members = nicheListMembers(t);
      expect(page.every((asin) => members.some((m) => inRanges(m, asin)))).toBe(true);
      const own = new Set(finder(ownSelection(t)));
      const kept = page.filter((asin) => own.has(asin)).length;
      expect(kept, t.id).toBeGreaterThanOrEqual(Math.min(own.size, 30));
    }
  });
});
