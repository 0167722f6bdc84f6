import { describe, expect, it } from "vitest";
import { Catalogue } from "../../../dev/keepa-simulator/catalogue.ts";
import { generateHistory } from "../../../dev/keepa-simulator/history.ts";
import { marketOf, USED_CONDITIONS, type CatalogueSpecials } from "../../../dev/keepa-simulator/index.ts";
import { hashParts } from "../../../dev/keepa-simulator/random.ts";
import type { CatalogueEntry } from "../../../dev/keepa-simulator/entry.ts";
import { call, KEY, useSim } from "./helpers.ts";

// A high rate so a file of offer requests never waits on tokens; costs are covered by costs.test.ts.
const sim = await useSim({ keys: { [KEY]: { rate: 5_000 } } });

type Offer = {
  condition: number;
  isFBA: boolean;
  isAmazon: boolean;
  sellerId: string;
  lastSeen: number;
  offerCSV: number[];
};
type P = {
  asin: string;
  csv: (number[] | null)[];
  offers: Offer[] | null;
  lastOffersUpdate?: number;
  stats: Record<string, unknown> & { current: number[] };
};

const CONDITION_CSV = { 2: 19, 3: 20, 4: 21, 5: 22 } as const;
const item = (o: Offer) => o.offerCSV[o.offerCSV.length - 2]!;
const ship = (o: Offer) => o.offerCSV[o.offerCSV.length - 1]!;
const landed = (o: Offer) => item(o) + ship(o);
const lastTriple = (s: number[] | null | undefined) => (s ? s.slice(-3) : null);
const minOf = (values: number[]) => (values.length ? Math.min(...values) : -1);

async function fetchProducts(asins: string[], extra: Record<string, string | number> = {}): Promise<P[]> {
  const out: P[] = [];
  for (let i = 0; i < asins.length; i += 100) {
    const asin = asins.slice(i, i + 100).join(",");
    const { status, body } = await call(sim, "/product", { domain: 1, asin, stats: 90, ...extra });
    expect(status).toBe(200);
    out.push(...(body.products as P[]));
  }
  return out;
}

const books = (): CatalogueEntry[] =>
  sim.sim.catalogue.entries.filter((e) => e.productType === 0 && e.csvStyle === "full" && !e.offersFetchFails);
const specials = (): CatalogueSpecials => sim.sim.catalogue.specials;
const live = (p: P) => p.offers!.filter((o) => o.lastSeen === sim.sim.catalogue.get(p.asin)!.lastOffersUpdate);

describe("the catalogue did not move", () => {
  // Recorded from the simulator before per-condition markets existed: entries and csv 0–18/30–35 are byte-identical.
  const GOLDEN: (string | number)[][] = [
    ["1899999795", 74587, 1299, 1110, -1, 1500, 11, 21, 1, 3273164996],
    ["0286286688", 47129, 6099, 3243, 6108, 6525, 8, 4, 6, 3253598095],
    ["0808858017", 245227, 23099, 14851, -1, -1, 0, 18, 0, 3589234603],
    ["0534619274", 711934, -1, 1898, -1, -1, 15, 15, 1, 770705291],
  ];
  it("keeps the ASINs, ranks, prices, counts and pre-existing csv series of seed 1", () => {
    const cat = new Catalogue(1, 1500, 29_000_000);
    const fields = [
      "asin",
      "salesRank",
      "newPrice",
      "used",
      "amazon",
      "newFba",
      "countNew",
      "countUsed",
      "countNewFba",
    ];
    const picked = [0, 1, 777, 1400].map((i) => cat.entries[i]!);
    const offerSlots = new Set([7, 19, 20, 21, 22, 32]);
    const rows = picked.map((e) => {
      const csv = generateHistory(cat, e).csv.map((s, i) => (offerSlots.has(i) ? null : s));
      return [...fields.map((f) => e[f as keyof CatalogueEntry] as number | string), hashParts(JSON.stringify(csv))];
    });
    expect(rows).toEqual(GOLDEN);
  });
});

describe("per-condition markets", () => {
  it("csv per-condition currents equal the lowest live offers; csv USED is the lowest used item", async () => {
    const sample = books().slice(0, 200);
    const products = await fetchProducts(
      sample.map((e) => e.asin),
      { offers: 20 },
    );
    let tracked = 0;
    for (const p of products) {
      const entry = sim.sim.catalogue.get(p.asin)!;
      const market = marketOf(sim.sim.catalogue, entry);
      const liveOffers = live(p);
      for (const c of USED_CONDITIONS) {
        const ofCondition = p.offers!.filter((o) => o.condition === c);
        const lowest = minOf(liveOffers.filter((o) => o.condition === c).map(landed));
        expect(lowest, `${p.asin} condition ${c}`).toBe(market.conditions[c].lowestLanded);
        // The first offer of a condition is its lowest; every other one lands at least as high.
        if (ofCondition[0]) {
          expect(ofCondition[0].lastSeen).toBe(entry.lastOffersUpdate);
          expect(ofCondition.every((o) => landed(o) >= landed(ofCondition[0]!))).toBe(true);
        }
        if (p.csv[CONDITION_CSV[c]]) expect(p.stats.current[CONDITION_CSV[c]]).toBe(lowest);
      }
      if (p.csv[19]) tracked++;
      const usedItems = p.offers!.filter((o) => o.condition > 1).map(item);
      if (entry.countUsed > 0 || entry.used <= 0) expect(p.stats.current[2], p.asin).toBe(minOf(usedItems));
      const thirdNew = liveOffers.filter((o) => o.condition === 1 && !o.isAmazon);
      expect(p.stats.current[10]).toBe(minOf(thirdNew.filter((o) => o.isFBA).map(item)));
      expect(thirdNew.filter((o) => o.isFBA).every((o) => ship(o) === 0)).toBe(true);
      if (p.csv[7]) expect(p.stats.current[7]).toBe(minOf(thirdNew.filter((o) => !o.isFBA).map(landed)));
      if (p.csv[7]) expect(p.stats.current[7]).toBe(market.newFbm.lowestLanded);
    }
    // Keepa refreshes the offer-only series only when someone fetched offers: about 30 % have none.
    expect(tracked / products.length).toBeGreaterThan(0.55);
    expect(tracked / products.length).toBeLessThan(0.85);
  });

  it("the used buy box goes to the best condition with a live offer, and csv 32 ends on it", async () => {
    const sample = books()
      .filter((e) => e.countUsed > 0 && e.used > 0)
      .slice(0, 100);
    const products = await fetchProducts(
      sample.map((e) => e.asin),
      { offers: 20 },
    );
    const conditions = new Set<number>();
    for (const p of products) {
      const used = live(p).filter((o) => o.condition > 1);
      const best = Math.min(...used.map((o) => o.condition));
      const box = used.filter((o) => o.condition === best).sort((a, b) => landed(a) - landed(b))[0]!;
      expect(p.stats.buyBoxUsedCondition, p.asin).toBe(best);
      expect([p.stats.buyBoxUsedPrice, p.stats.buyBoxUsedShipping]).toEqual([item(box), ship(box)]);
      expect(p.stats.buyBoxUsedIsFBA).toBe(box.isFBA);
      expect(p.stats.buyBoxUsedSellerId).toBe(box.sellerId);
      expect(p.stats.current[32]).toBe(landed(box));
      const newBox = live(p)
        .filter((o) => o.condition === 1)
        .sort((a, b) => landed(a) - landed(b))[0];
      if (newBox) expect((p.stats.buyBoxPrice as number) + (p.stats.buyBoxShipping as number)).toBe(landed(newBox));
      conditions.add(best);
    }
    expect(conditions.size).toBeGreaterThanOrEqual(2);
  });

  it("a limit of 20 keeps the lowest offer of every condition, even in a crowded market", async () => {
    const sample = books()
      .filter((e) => e.countNew + e.countUsed > 30 && e.used > 0 && e.newPrice > 0)
      .slice(0, 40);
    const products = await fetchProducts(
      sample.map((e) => e.asin),
      { offers: 20 },
    );
    for (const p of products) {
      const market = marketOf(sim.sim.catalogue, sim.sim.catalogue.get(p.asin)!);
      expect(market.offers.length).toBeGreaterThan(20);
      expect(p.offers).toHaveLength(20);
      for (const c of [1, 2, 3, 4, 5] as const) {
        const shown = minOf(p.offers!.filter((o) => o.condition === c).map(landed));
        expect(shown).toBe(market.conditions[c].lowestLanded);
      }
    }
  });

  it("without offers the offer-only stats are −2/null and csv 32 is hidden, even with buybox=1", async () => {
    const asin = books().find((e) => e.countUsed > 0 && e.used > 0)!.asin;
    for (const extra of [{}, { buybox: 1 }] as Record<string, number>[]) {
      const [p] = await fetchProducts([asin], extra);
      expect(p!.csv[32]).toBeNull();
      expect(p!.stats.current[32]).toBe(-1);
      expect(p!.stats).toMatchObject({
        offerCountFBA: -2,
        offerCountFBM: -2,
        buyBoxUsedPrice: -2,
        buyBoxUsedShipping: -2,
        buyBoxUsedCondition: -2,
        buyBoxUsedIsFBA: null,
        buyBoxUsedSellerId: null,
      });
    }
    const [withOffers] = await fetchProducts([asin], { offers: 20 });
    expect(withOffers!.csv[32]!.length % 3).toBe(0);
  });

  it("stats carry landed current and averages for the per-condition series", async () => {
    const entry = books().find((e) => marketOf(sim.sim.catalogue, e).tracked && e.countUsed > 3 && e.used > 0)!;
    const [p] = await fetchProducts([entry.asin]);
    for (const index of [7, 19, 20, 21, 22]) {
      const [, price, shipping] = lastTriple(p!.csv[index])!;
      expect(p!.stats.current[index]).toBe(price! < 0 ? -1 : price! + shipping!);
      expect(p!.csv[index]![p!.csv[index]!.length - 3]).toBe(entry.lastOffersUpdate);
    }
    const avg90 = p!.stats.avg90 as number[];
    expect([19, 20, 21, 22].some((i) => avg90[i]! > 0)).toBe(true);
    expect((p!.stats.avg180 as number[])[7]).toBeGreaterThan(0);
  });
});

describe("market specials", () => {
  it("noUsedOffers: ranked, no Amazon, new ≥ $60, and no used offer in any condition", async () => {
    const entry = sim.sim.catalogue.get(specials().noUsedOffers)!;
    expect(entry).toMatchObject({ productType: 0, amazon: -1, countUsed: 0 });
    expect(entry.salesRank).toBeGreaterThan(0);
    expect(entry.newPrice).toBeGreaterThanOrEqual(6_000);
    const [p] = await fetchProducts([entry.asin], { offers: 20 });
    expect(p!.offers!.filter((o) => o.condition > 1)).toEqual([]);
    expect(p!.offers!.some((o) => o.condition === 1)).toBe(true);
    expect(p!.stats).toMatchObject({ buyBoxUsedPrice: -1, buyBoxUsedCondition: -1, buyBoxUsedSellerId: null });
    for (const index of [19, 20, 21, 22, 32]) expect(p!.stats.current[index]).toBe(-1);
  });

  it("crowdedUsedFba: at least 6 live FBA offers in used_good within offers=20", async () => {
    const entry = sim.sim.catalogue.get(specials().crowdedUsedFba)!;
    expect(entry.salesRank).toBeGreaterThan(0);
    expect(entry.amazon).toBe(-1);
    const [p] = await fetchProducts([entry.asin], { offers: 20 });
    const good = live(p!).filter((o) => o.condition === 4);
    expect(good.filter((o) => o.isFBA).length).toBeGreaterThanOrEqual(6);
    expect(p!.stats.current[21]).toBe(minOf(good.map(landed)));
    expect(marketOf(sim.sim.catalogue, entry).conditions[4].liveFbaCount).toBeGreaterThanOrEqual(6);
  });

  it("untrackedConditions: no csv 7/19–22 until offers are fetched, then live used prices", async () => {
    const entry = sim.sim.catalogue.get(specials().untrackedConditions)!;
    expect(entry.salesRank).toBeGreaterThan(0);
    expect(entry.amazon).toBe(-1);
    const [screened] = await fetchProducts([entry.asin]);
    for (const index of [7, 19, 20, 21, 22]) {
      expect(screened!.csv[index]).toBeNull();
      expect(screened!.stats.current[index]).toBe(-1);
    }
    const [verified] = await fetchProducts([entry.asin], { offers: 20 });
    const used = live(verified!).filter((o) => o.condition > 1);
    expect(used.length).toBeGreaterThan(0);
    expect(verified!.stats.buyBoxUsedPrice).toBeGreaterThan(0);
  });

  it("some used markets are all FBM and a few are crowded with FBA", () => {
    const markets = books().map((e) => marketOf(sim.sim.catalogue, e));
    const withUsed = markets.filter((m) => USED_CONDITIONS.some((c) => m.conditions[c].count > 0));
    const noFba = withUsed.filter((m) => USED_CONDITIONS.every((c) => m.conditions[c].fbaCount === 0));
    const crowded = withUsed.filter((m) => m.conditions[4].liveFbaCount >= 6);
    expect(noFba.length / withUsed.length).toBeGreaterThan(0.2);
    expect(crowded.length).toBeGreaterThanOrEqual(3);
    expect(crowded.length / withUsed.length).toBeLessThan(0.1);
  });

  it("used counts sum to countUsed and conditions are typically priced like new > very good > good > acceptable", () => {
    let ordered = 0;
    let full = 0;
    for (const e of books().filter((x) => x.used > 0 && x.countUsed > 0)) {
      const m = marketOf(sim.sim.catalogue, e);
      expect(USED_CONDITIONS.reduce((sum, c) => sum + m.conditions[c].count, 0)).toBe(e.countUsed);
      expect(Math.min(...USED_CONDITIONS.map((c) => m.conditions[c].lowestItem).filter((v) => v > 0))).toBe(e.used);
      const lows = USED_CONDITIONS.map((c) => m.conditions[c].lowestItem);
      if (lows.every((v) => v > 0)) {
        full++;
        if (lows.every((v, i) => i === 0 || v <= lows[i - 1]!)) ordered++;
      }
    }
    expect(ordered / full).toBeGreaterThan(0.5);
  });
});
