import { beforeEach, describe, expect, it } from "vitest";
import { DEV_KEEPA_KEY } from "../../dev/keepa-simulator/options.ts";
import withScoring from "../../netlify/functions/products-discover-with-scoring.mts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { useSimulator } from "../helpers/simulator.ts";

/**
 * No ROI ever pairs one condition's price with another's (docs/economics.md#conditions). For every sell condition, a
 * real search through the endpoint, then the same products read raw from the simulator and parsed here, independently
 * of src/keepa: every sell price must be one of that condition's own landed prices, and every buy cost must come
 * from that price (percentOfSell) or from the buy condition's own offers (amazonOffer).
 */

const CONDITIONS = ["new", "used_like_new", "used_very_good", "used_good", "used_acceptable"] as const;
type Condition = (typeof CONDITIONS)[number];
const CODE: Record<Condition, number> = {
  new: 1,
  used_like_new: 2,
  used_very_good: 3,
  used_good: 4,
  used_acceptable: 5,
};
/** csv types holding landed prices of each condition (Keepa's CsvType). */
const LANDED_CSV: Record<Condition, number[]> = {
  new: [18, 10, 7],
  used_like_new: [19],
  used_very_good: [20],
  used_good: [21],
  used_acceptable: [22],
};

type RawOffer = { condition: number; offerCSV: number[]; isFBA: boolean; lastSeen: number };
type RawProduct = {
  asin: string;
  offers: RawOffer[] | null;
  liveOffersOrder: number[] | null;
  stats: Record<string, unknown> & { current: number[]; avg90: number[]; avg180: number[] };
};
type Scored = {
  asin: string;
  sellCondition: Condition;
  sellPrice: { cents: number; condition: Condition; landed: boolean; live: boolean; source: string } | null;
  buyCost: { cents: number; model: string; condition: Condition | null } | null;
  fees: { totalCents: number } | null;
  profit: { bufferCents: number; profitCents: number } | null;
};

const sim = await useSimulator(FUNCTIONS_SIMULATOR);

/** The products as Keepa sends them, with live offers and stats (read straight from the simulator). */
async function raw(asins: readonly string[]): Promise<Map<string, RawProduct>> {
  const params = new URLSearchParams({
    key: DEV_KEEPA_KEY,
    domain: "1",
    asin: asins.join(","),
    stats: "90",
    history: "0",
    offers: "20",
    "only-live-offers": "1",
  });
  const answer = await sim.sim.handle({ method: "GET", path: "/product", params, body: "" });
  const products = answer.body.products as RawProduct[];
  return new Map(products.map((p) => [p.asin, p]));
}

const landedOf = (offer: RawOffer): number => {
  const csv = offer.offerCSV;
  const price = csv[csv.length - 2] as number;
  return price + Math.max(csv[csv.length - 1] as number, 0);
};

/** Every landed price Keepa gives for one condition of one product: its offers, its buy box, its csv types. */
function ownPrices(product: RawProduct, condition: Condition): Set<number> {
  const out = new Set<number>();
  const live = (product.liveOffersOrder ?? []).map((i) => product.offers?.[i]).filter((o) => o !== undefined);
  for (const offer of live) if (offer.condition === CODE[condition]) out.add(landedOf(offer));
  const s = product.stats;
  const box = (price: unknown, ship: unknown) => {
    if (typeof price === "number" && price > 0) out.add(price + Math.max(Number(ship ?? 0), 0));
  };
  if (condition === "new") box(s.buyBoxPrice, s.buyBoxShipping);
  else if (s.buyBoxUsedCondition === CODE[condition]) box(s.buyBoxUsedPrice, s.buyBoxUsedShipping);
  for (const index of LANDED_CSV[condition])
    for (const values of [s.current, s.avg90, s.avg180])
      if ((values[index] ?? -1) > 0) out.add(values[index] as number);
  return out;
}

const SEARCH = { category: "medical", bsr_min: 20_000, bsr_max: 300_000, max_results: 20, verify: 5 };

describe("no ROI pairs one condition's price with another's", () => {
  // Each case spends a search and a raw read of its products (another consumer, as far as the ledger knows).
  beforeEach(() => sim.sim.setBalance(1200));

  it.each(CONDITIONS)("sell condition %s: every sell price is that condition's own landed price", async (condition) => {
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      body: { ...SEARCH, sell_condition: condition, force_refresh: true },
    });
    expect(result.status).toBe(200);
    const products = result.body.products as Scored[];
    const priced = products.filter((p) => p.sellPrice !== null);
    expect(priced.length, "a condition nobody sells in would pass vacuously").toBeGreaterThan(0);
    const truth = await raw(priced.map((p) => p.asin));
    for (const p of products) {
      expect(p.sellCondition).toBe(condition);
      if (!p.sellPrice) continue;
      expect(p.sellPrice).toMatchObject({ condition, landed: true });
      const own = ownPrices(truth.get(p.asin) as RawProduct, condition);
      expect([...own], `${p.asin}: ${p.sellPrice.source}`).toContain(p.sellPrice.cents);
      // The default cost model takes 40 % of this same price, and the profit is computed on the two.
      expect(p.buyCost?.cents).toBe(Math.round(p.sellPrice.cents * 0.4));
      const { fees, profit } = p;
      if (fees && profit && p.buyCost)
        expect(profit.profitCents).toBe(p.sellPrice.cents - fees.totalCents - profit.bufferCents - p.buyCost.cents);
    }
  });

  it("an Amazon flip buys in its own condition and sells in its own", async () => {
    const result = await call(sim, withScoring, "/api/v1/products/discover_with_scoring", {
      method: "POST",
      body: {
        ...SEARCH,
        sell_condition: "used_acceptable",
        cost_model: { model: "amazonOffer", condition: "used_very_good" },
        force_refresh: true,
      },
    });
    expect(result.status).toBe(200);
    const products = (result.body.products as Scored[]).filter((p) => p.sellPrice && p.buyCost);
    expect(products.length).toBeGreaterThan(0);
    const truth = await raw(products.map((p) => p.asin));
    for (const p of products) {
      const product = truth.get(p.asin) as RawProduct;
      expect(p.buyCost).toMatchObject({ model: "amazonOffer", condition: "used_very_good" });
      expect([...ownPrices(product, "used_very_good")]).toContain(p.buyCost?.cents);
      expect([...ownPrices(product, "used_acceptable")]).toContain(p.sellPrice?.cents);
    }
  });
});
