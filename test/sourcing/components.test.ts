import { describe, it, expect } from "vitest";
import { conditionSignal } from "../../src/sourcing/scoring/condition.ts";
import { confidenceScore } from "../../src/sourcing/scoring/confidence.ts";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { buyCost, pickSellPrice } from "../../src/sourcing/scoring/prices.ts";
import { stabilityScore } from "../../src/sourcing/scoring/stability.ts";
import type { StabilityInput } from "../../src/sourcing/scoring/stability.ts";
import type { ConfidenceInput } from "../../src/sourcing/scoring/confidence.ts";
import type { LandedPrice } from "../../src/sourcing/scoring/types.ts";
import { SNAPSHOT_AT, VERIFIED_AT, book, market, verified } from "./helpers/books.ts";
import type { ConditionOver, MarketOver } from "./helpers/books.ts";

const noAverages = { bsr30: null, bsr90: null };
const sellAt = (cents: number, source: LandedPrice["source"] = "lowest_offer"): LandedPrice => ({
  cents,
  condition: "used_good",
  landed: true,
  source,
  live: false,
  observedAt: null,
});
const stab = (over: Partial<StabilityInput>): StabilityInput => ({
  averages: noAverages,
  market: market(),
  bsr: 20_000,
  sell: sellAt(3999),
  competition: { offers: null },
  ...over,
});

describe("stabilityScore", () => {
  it("weights price 0.5, BSR 0.3, competition 0.2", () => {
    const r = stabilityScore(
      stab({
        sell: sellAt(3600),
        market: market({ used_good: { average90Cents: 4000 } }),
        averages: { bsr30: 22_000, bsr90: 20_000 },
        competition: { offers: 4 },
      }),
      C,
    );
    // price: |3600 − 4000| / 4000 = 10 % × 100 → 90; BSR: 10 % × 50 → 95; competition: 100 − (4 − 3) × 4 = 96
    expect(r.components).toEqual({ price: 90, bsr: 95, competition: 96 });
    // 45 + 28.5 + 19.2
    expect(r.score).toBe(92.7);
  });

  it("renormalises over the components that exist", () => {
    // competition only: 100 − (10 − 3) × 4 = 72; 28 offers: 100 − 25 × 4 = 0
    expect(stabilityScore(stab({ competition: { offers: 10 } }), C).score).toBe(72);
    expect(stabilityScore(stab({ competition: { offers: 28 } }), C).score).toBe(0);
  });

  it("0 offers and BSR averages of 0 are real values", () => {
    const r = stabilityScore(stab({ competition: { offers: 0 }, averages: { bsr30: 0, bsr90: 0 } }), C);
    expect(r.components).toEqual({ price: null, bsr: 100, competition: 100 });
  });

  it("reads the sell condition's own 90-day average, never another condition's", () => {
    const r = stabilityScore(
      stab({
        sell: sellAt(1000),
        market: market({ new: { average90Cents: 5000 }, used_good: { average90Cents: 800 } }),
        competition: { offers: 13 },
      }),
      C,
    );
    // |1000 − 800| / 800 = 25 % → 75; competition 100 − 10 × 4 = 60
    expect(r.components).toEqual({ price: 75, bsr: null, competition: 60 });
    const onlyNew = stabilityScore(stab({ market: market({ new: { average90Cents: 3999 } }) }), C);
    expect(onlyNew.components.price).toBeNull();
  });

  it("a sell price that is an average says nothing about movement: no price component", () => {
    const market90 = market({ used_good: { average90Cents: 4000 } });
    const r = stabilityScore(stab({ sell: sellAt(4000, "average_90d"), market: market90 }), C);
    expect(r.components.price).toBeNull();
  });

  it("no data → neutral 50 and a warning instead of a silent default", () => {
    const warnings: string[] = [];
    expect(stabilityScore(stab({ sell: null }), C, warnings).score).toBe(50);
    expect(warnings).toHaveLength(1);
  });
});

const conf = (over: Partial<ConfidenceInput>): ConfidenceInput => ({
  title: "A book",
  bsr: 20_000,
  averages: { bsr30: 22_000, bsr90: 20_000 },
  offers: { new: 4, used: 6, fba: 2 },
  salesRankDrops30: 25,
  salesRankDrops90: 70,
  dataQuality: "full",
  sellPriceCents: 3999,
  buyPriceCents: 1600,
  conditionAverage90: 4000,
  ...over,
});

describe("confidenceScore", () => {
  // points: title 5, BSR 20, sell 20, buy 15, condition average 10, BSR average 10, offer counts 10, drops 10
  it.each([
    ["complete, full", {}, 100],
    ["complete, degraded", { dataQuality: "degraded" as const }, 70],
    ["unavailable", { dataQuality: "unavailable" as const }, 0],
    ["no title", { title: null }, 95],
    ["no BSR", { bsr: null }, 80],
    ["no sell price", { sellPriceCents: null }, 80],
    ["no buy price", { buyPriceCents: null }, 85],
    ["no 90-day average in the sell condition", { conditionAverage90: null }, 90],
    ["no drops", { salesRankDrops30: null, salesRankDrops90: null }, 90],
    ["zero offers and zero drops are known", { offers: { new: 0, used: 0, fba: 0 }, salesRankDrops30: 0 }, 100],
    [
      "only a title",
      {
        bsr: null,
        sellPriceCents: null,
        buyPriceCents: null,
        conditionAverage90: null,
        averages: noAverages,
        offers: { new: null, used: null, fba: null },
        salesRankDrops30: null,
        salesRankDrops90: null,
      },
      5,
    ],
  ])("%s → %i", (_label, over, expected) => {
    expect(confidenceScore(conf(over), C)).toBe(expected);
  });
});

describe("conditionSignal (25 %/≤10 offers, 10 %/≤25)", () => {
  it.each([
    [25, 10, "STRONG"],
    [24.99, 10, "MODERATE"],
    [25, 11, "MODERATE"],
    [10, 25, "MODERATE"],
    [9.99, 5, "WEAK"],
    [10, 26, "WEAK"],
    [30, 0, "STRONG"],
    [50, null, "WEAK"],
    [null, 3, "UNKNOWN"],
  ] as const)("ROI %s with %s offers in the sell condition → %s", (roiPercent, offers, expected) => {
    expect(conditionSignal({ roiPercent, offers }, C)).toBe(expected);
  });

  it("reads the rule's maxOffers from config", () => {
    const config = { ...C, conditionSignal: { ...C.conditionSignal, strong: { minRoiPercent: 25, maxOffers: 2 } } };
    expect(conditionSignal({ roiPercent: 30, offers: 3 }, config)).toBe("MODERATE");
  });
});

describe("pickSellPrice: buy box → lowest FBA → lowest offer → 90-day → 180-day average", () => {
  const ALL: ConditionOver = {
    snapshot: { buyBoxCents: 3000, lowestFbaCents: 2800, lowestCents: 2500 },
    average90Cents: 2700,
    average180Cents: 2600,
  };
  it.each([
    ["every source", ALL, "buy_box", 3000],
    ["no buy box", { ...ALL, snapshot: { lowestFbaCents: 2800, lowestCents: 2500 } }, "lowest_fba", 2800],
    ["only offers", { ...ALL, snapshot: { lowestCents: 2500 } }, "lowest_offer", 2500],
    ["no current offer", { average90Cents: 2700, average180Cents: 2600 }, "average_90d", 2700],
    ["only the 180-day average", { average180Cents: 2600 }, "average_180d", 2600],
    ["a 0 buy box is no price", { ...ALL, snapshot: { buyBoxCents: 0, lowestCents: 2500 } }, "lowest_offer", 2500],
  ] as const)("%s → %s", (_label, usedGood, source, cents) => {
    const input = book({ market: market({ used_good: usedGood }) });
    expect(pickSellPrice(input, "used_good")).toMatchObject({ cents, source, condition: "used_good", landed: true });
  });

  it("a snapshot price is not live and is as old as Keepa's last offers collection; an average has no time", () => {
    const input = book({ market: market({ used_good: ALL }) });
    expect(pickSellPrice(input, "used_good")).toMatchObject({ live: false, observedAt: SNAPSHOT_AT });
    const averaged = book({ market: market({ used_good: { average90Cents: 2700 } }) });
    expect(pickSellPrice(averaged, "used_good")).toMatchObject({ live: false, observedAt: null });
  });

  it("live offers replace the snapshot rather than fall back to it", () => {
    const input = book({
      verification: verified(),
      market: market({ used_good: { ...ALL, live: { lowestCents: 2400, fbmOffers: 2 } } }),
    });
    // the snapshot's buy box 3000 and FBA 2800 do not come back: the live lowest 2400 wins
    expect(pickSellPrice(input, "used_good")).toEqual({
      cents: 2400,
      condition: "used_good",
      landed: true,
      source: "lowest_offer",
      live: true,
      observedAt: VERIFIED_AT,
    });
    // live offers with no copy at all: the 90-day average, which is not live
    const empty = book({ verification: verified(), market: market({ used_good: { ...ALL, live: {} } }) });
    expect(pickSellPrice(empty, "used_good")).toMatchObject({ cents: 2700, source: "average_90d", live: false });
  });

  it("no other condition stands in, better or worse", () => {
    const others: MarketOver = {
      new: ALL,
      used_like_new: ALL,
      used_very_good: ALL,
      used_acceptable: ALL,
    };
    expect(pickSellPrice(book({ market: market(others) }), "used_good")).toBeNull();
    expect(pickSellPrice(book({ market: market({ used_good: ALL }) }), "new")).toBeNull();
  });
});

describe("buyCost", () => {
  const input = book({
    asin: "0306406152",
    codes: ["9780306406157"],
    market: market({
      used_good: { snapshot: { lowestCents: 2500 } },
      used_very_good: { snapshot: { lowestCents: 1900 }, live: { lowestCents: 2100, fbmOffers: 1 } },
    }),
  });
  const sell = sellAt(2501);

  it("percentOfSell: a share of the sell price, rounded half away; nothing without a sell price", () => {
    // 40 % × 2501 = 1000.4 → 1000; 50 % × 2501 = 1250.5 → 1251
    expect(buyCost(input, { model: "percentOfSell", percent: 40 }, sell)?.cents).toBe(1000);
    expect(buyCost(input, { model: "percentOfSell", percent: 50 }, sell)?.cents).toBe(1251);
    expect(buyCost(input, { model: "percentOfSell", percent: 40 }, null)).toBeNull();
  });

  it("flatCents: the same cost with or without a sell price", () => {
    expect(buyCost(input, { model: "flatCents", cents: 300 }, null)).toEqual({
      cents: 300,
      model: "flatCents",
      detail: "flat cost per item",
      condition: null,
      landed: false,
      live: false,
    });
  });

  it("perItem: by ASIN first, then by code; missing → null", () => {
    const items = { "9780306406157": 700, "0306406152": 650 };
    expect(buyCost(input, { model: "perItem", items }, sell)).toMatchObject({
      cents: 650,
      detail: "listed cost for 0306406152",
    });
    expect(buyCost(input, { model: "perItem", items: { "9780306406157": 700 } }, sell)?.cents).toBe(700);
    expect(buyCost(input, { model: "perItem", items: { "9999999999": 1 } }, sell)).toBeNull();
  });

  it("amazonOffer: the buy condition's lowest landed offer, live replacing the snapshot", () => {
    expect(buyCost(input, { model: "amazonOffer", condition: "used_good" }, sell)).toEqual({
      cents: 2500,
      model: "amazonOffer",
      detail: "lowest landed used_good offer on Amazon",
      condition: "used_good",
      landed: true,
      live: false,
    });
    // live 2100, not the snapshot's cheaper 1900
    expect(buyCost(input, { model: "amazonOffer", condition: "used_very_good" }, sell)).toMatchObject({
      cents: 2100,
      live: true,
    });
    expect(buyCost(input, { model: "amazonOffer", condition: "used_like_new" }, sell)).toBeNull();
  });
});
