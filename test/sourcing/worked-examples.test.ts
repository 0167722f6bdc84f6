import { describe, it, expect } from "vitest";
import { scoreProduct } from "../../src/sourcing/scoring/score.ts";
import type { ProductScore } from "../../src/sourcing/scoring/types.ts";
import { book, market, verified } from "./helpers/books.ts";

/*
 * Worked examples: realistic books scored with the default config, every number derived by hand below.
 *
 * Fee schedule "books" (src/sourcing/scoring/config.ts), for a book in the Books root category (283155):
 *   referral  Keepa's referral % (15 % for every book here) × sell, rounded half away from zero
 *   closing   180
 *   FBA       by package weight: ≤ 227 g 270, ≤ 454 g 290, ≤ 907 g 330, ≤ 1361 g 370, then + 40 per started lb
 *             (453.592 g) above 1361 g
 *   inbound   weight / 453.592 × 40, rounded
 *   prep      20
 * Buffer: 5 % of sell (smart_velocity), 7 % (textbook strategies).
 * Ladder (ROI / velocity, inclusive): STRONG_BUY 50 % and the strategy's strongBuy velocity, BUY 30 %, CONSIDER 15 %.
 *   smart_velocity 80/60/40, textbooks & textbooks_standard 50/40/30, textbooks_patience 40/30/20.
 * Strategy limits: smart_velocity min profit 1200, target ROI 30 %, max 5 FBA, min stability 40;
 *   textbooks 2000, 50 %, 3, 60; textbooks_standard 1500, 40 %, 5, 60; textbooks_patience 2500, 50 %, 3, 60.
 * maxBuy = min(⌊available / (1 + target ROI)⌋, available − min profit), never below 0, where
 *   available = sell − fees − buffer (and profit = available − buy).
 * Stability = 0.5·price + 0.3·BSR + 0.2·competition, where price = 100 − |sell − 90-day average| / average × 100,
 * BSR = 100 − |bsr30 − bsr90| / bsr90 × 50, competition = 100 − (offers − 3) × 4 (clamped to 0..100).
 * Every book has complete data, so confidence is 100 unless a test says otherwise.
 */

type Economics = {
  buy: number | null;
  sell: number | null;
  source: string | null;
  live: boolean | null;
  referral: number | null;
  closing: number | null;
  fba: number | null;
  inbound: number | null;
  prep: number | null;
  fees: number | null;
  buffer: number | null;
  profit: number | null;
  roi: number | null;
  maxBuy: number | null;
  rule: ProductScore["maxBuyRule"];
  recommendation: ProductScore["recommendation"];
};

function economics(s: ProductScore): Economics {
  return {
    buy: s.buyCost?.cents ?? null,
    sell: s.sellPrice?.cents ?? null,
    source: s.sellPrice?.source ?? null,
    live: s.sellPrice?.live ?? null,
    referral: s.fees?.referralCents ?? null,
    closing: s.fees?.closingCents ?? null,
    fba: s.fees?.fbaCents ?? null,
    inbound: s.fees?.inboundCents ?? null,
    prep: s.fees?.prepCents ?? null,
    fees: s.fees?.totalCents ?? null,
    buffer: s.profit?.bufferCents ?? null,
    profit: s.profitCents,
    roi: s.roiPercent,
    maxBuy: s.maxBuyCents,
    rule: s.maxBuyRule,
    recommendation: s.recommendation,
  };
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 1. Paperback novel. BSR 35,000, 300 g, referral 15 %. used_good: Keepa's last lowest landed offer $12.49, 90-day
 * average $12.99, 180-day $13.50. Keepa counts 12 new, 14 used, 5 FBA; rank averages 38,000 (30 d) / 35,000 (90 d).
 * Not verified.
 */
const novel = book({
  asin: "0593000011",
  title: "The Salt Orchard (paperback)",
  bsr: 35_000,
  packageWeightGrams: 300,
  referralFeePercent: 15,
  offers: { new: 12, used: 14, fba: 5 },
  averages: { bsr30: 38_000, bsr90: 35_000 },
  prices: { new: 1499, used: 1100 },
  market: market({
    new: { snapshot: { buyBoxCents: 1699, lowestCents: 1599 }, average90Cents: 1699 },
    used_good: { snapshot: { lowestCents: 1249 }, average90Cents: 1299, average180Cents: 1350 },
  }),
});
// Shared by every cost model (smart_velocity): sell 1249 lowest_offer (snapshot).
//   referral 15 % × 1249 = 187.35 → 187; closing 180; FBA 300 g ≤ 454 g → 290; inbound 300 / 453.592 × 40 = 26.46 → 26;
//   prep 20 → fees 703. buffer 5 % × 1249 = 62.45 → 62. available 1249 − 703 − 62 = 484.
//   maxBuy: ⌊484 / 1.30⌋ = 372, 484 − 1200 < 0 → 0 (min_profit): no price reaches the $12 minimum.
//   velocity: BSR 35,000 in the 10k–50k tier (90 → 70): 90 − 20 × 25,000 / 40,000 = 77.5
const NOVEL_FEES = { sell: 1249, source: "lowest_offer", live: false, referral: 187, closing: 180, fba: 290 };
const NOVEL_REST = { inbound: 26, prep: 20, fees: 703, buffer: 62, maxBuy: 0, rule: "min_profit" as const };

describe("1. paperback novel (smart_velocity)", () => {
  it("at 40 % of sell it loses money → SKIP", () => {
    const s = scoreProduct(novel, { strategy: "smart_velocity" });
    // buy 40 % × 1249 = 499.6 → 500; profit 484 − 500 = −16; ROI −16 / 500 = −3.2
    expect(economics(s)).toEqual({
      ...NOVEL_FEES,
      ...NOVEL_REST,
      buy: 500,
      profit: -16,
      roi: -3.2,
      recommendation: "SKIP",
    });
    expect(s.reasons).toEqual(["no profit (-$0.16)"]);
    expect(s.velocity).toBe(77.5);
  });

  it("a $1.00 thrift-store copy (flatCents 100): 384 % ROI but $3.84 profit → CONSIDER, or SKIP in AutoSourcing", () => {
    const flat = { strategy: "smart_velocity", costModel: { model: "flatCents", cents: 100 } } as const;
    const s = scoreProduct(novel, flat);
    // profit 484 − 100 = 384; ROI 384 / 100 = 384 → ladder BUY (velocity 77.5 < 80), profit 384 < 1200 → CONSIDER
    expect(economics(s)).toEqual({
      ...NOVEL_FEES,
      ...NOVEL_REST,
      buy: 100,
      profit: 384,
      roi: 384,
      recommendation: "CONSIDER",
    });
    expect(s.reasons).toEqual([
      "ROI 384% ≥ 30% and velocity 77.5 ≥ 60 → BUY",
      "capped at CONSIDER: profit $3.84 < strategy minimum $12.00",
    ]);
    // price 100 − 50 / 1299 × 100 = 96.151; BSR 100 − 3000 / 35,000 × 50 = 95.714; competition 100 − 11 × 4 = 56
    // 48.075 + 28.714 + 11.2 = 87.99
    expect(s.stability).toBe(87.99);
    const skipped = scoreProduct(novel, { ...flat, belowMinProfit: "skip" });
    expect([skipped.recommendation, skipped.reasons]).toEqual(["SKIP", ["profit $3.84 < strategy minimum $12.00"]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 2. Self-help hardcover. BSR 8,000, 590 g, referral 15 %. Verified: 6 live used_good offers (2 FBA, 4 FBM), the used
 * buy box (used_good) $28.00, lowest FBA $28.00, lowest $24.50; 90-day used_good average $27.50. Keepa counts 18 new,
 * 9 used, 6 FBA; rank averages 9,000 / 8,000. Unverified, Keepa's snapshot shows the same buy box and lowest offer.
 */
const selfHelpMarket = (live: boolean) =>
  market({
    used_good: {
      snapshot: { buyBoxCents: 2800, lowestCents: 2450 },
      live: live ? { buyBoxCents: 2800, lowestFbaCents: 2800, lowestCents: 2450, fbaOffers: 2, fbmOffers: 4 } : null,
      average90Cents: 2750,
    },
  });
const selfHelpBase = {
  asin: "1250000021",
  title: "Quiet Momentum: Small Habits, Large Lives",
  bsr: 8_000,
  packageWeightGrams: 590,
  referralFeePercent: 15,
  offers: { new: 18, used: 9, fba: 6 },
  averages: { bsr30: 9_000, bsr90: 8_000 },
};
const selfHelp = book({ ...selfHelpBase, market: selfHelpMarket(true), verification: verified() });
const selfHelpUnverified = book({ ...selfHelpBase, market: selfHelpMarket(false) });
// Shared (smart_velocity): sell 2800 buy_box. referral 15 % × 2800 = 420; closing 180; FBA 590 g ≤ 907 g → 330;
//   inbound 590 / 453.592 × 40 = 52.03 → 52; prep 20 → fees 1002. buffer 5 % × 2800 = 140. available 1658.
//   maxBuy: ⌊1658 / 1.30⌋ = 1275, 1658 − 1200 = 458 → 458 (min_profit).
//   velocity: BSR 8,000 in the ≤ 10k tier (100 → 90): 100 − 10 × 8,000 / 10,000 = 92
const SELF_HELP = {
  sell: 2800,
  source: "buy_box",
  referral: 420,
  closing: 180,
  fba: 330,
  inbound: 52,
  prep: 20,
  fees: 1002,
  buffer: 140,
  maxBuy: 458,
  rule: "min_profit" as const,
};

describe("2. self-help hardcover (smart_velocity)", () => {
  const librarySale = { strategy: "smart_velocity", costModel: { model: "flatCents", cents: 200 } } as const;

  it("verified, a $2.00 library-sale copy (flatCents 200) → STRONG_BUY", () => {
    const s = scoreProduct(selfHelp, librarySale);
    // profit 1658 − 200 = 1458; ROI 1458 / 200 = 729
    expect(economics(s)).toEqual({
      ...SELF_HELP,
      live: true,
      buy: 200,
      profit: 1458,
      roi: 729,
      recommendation: "STRONG_BUY",
    });
    expect(s.reasons).toEqual(["ROI 729% ≥ 50% and velocity 92 ≥ 80 → STRONG_BUY"]);
    expect(s.velocity).toBe(92);
    // price 100 − 50 / 2750 × 100 = 98.182; BSR 100 − 1000 / 8000 × 50 = 93.75; 6 live offers → 100 − 3 × 4 = 88
    // 49.091 + 28.125 + 17.6 = 94.82 ≥ 40; 2 FBA offers ≤ 5
    expect(s.stability).toBe(94.82);
    expect(s.competition).toEqual({ offers: 6, fbaOffers: 2, fbmOffers: 4, scope: "condition", live: true });
    // ROI 729 ≥ 25 % with 6 ≤ 10 offers
    expect(s.conditionSignal).toBe("STRONG");
  });

  it("the same book unverified has the same numbers but is provisional → capped at BUY", () => {
    const s = scoreProduct(selfHelpUnverified, librarySale);
    expect(economics(s)).toEqual({
      ...SELF_HELP,
      live: false,
      buy: 200,
      profit: 1458,
      roi: 729,
      recommendation: "BUY",
    });
    expect(s.provisional).toBe(true);
    expect(s.reasons).toEqual([
      "ROI 729% ≥ 50% and velocity 92 ≥ 80 → STRONG_BUY",
      "capped at BUY: provisional: not verified with live offers (STRONG_BUY needs them)",
    ]);
    // competition from Keepa's 9 used offers: 100 − 6 × 4 = 76 → 49.091 + 28.125 + 15.2 = 92.42
    expect(s.stability).toBe(92.42);
  });

  it("verified at 40 % of sell: $5.38 profit → CONSIDER", () => {
    const s = scoreProduct(selfHelp, { strategy: "smart_velocity" });
    // buy 40 % × 2800 = 1120; profit 1658 − 1120 = 538; ROI 538 / 1120 = 48.04 → ladder BUY; 538 < 1200 → CONSIDER
    expect(economics(s)).toEqual({
      ...SELF_HELP,
      live: true,
      buy: 1120,
      profit: 538,
      roi: 48.04,
      recommendation: "CONSIDER",
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 3. Cookbook, hardcover. BSR 45,000, 1,150 g, referral 15 %, ISBN-13 9780760000031. used_good: Keepa's last lowest
 * landed offer $48.00, 90-day average $50.00. Keepa counts 10 new, 11 used, 4 FBA; rank averages 50,000 / 45,000.
 * Not verified.
 */
const cookbook = book({
  asin: "0760000035",
  title: "Cast Iron Sundays: A Cookbook",
  codes: ["9780760000031"],
  bsr: 45_000,
  packageWeightGrams: 1150,
  referralFeePercent: 15,
  offers: { new: 10, used: 11, fba: 4 },
  averages: { bsr30: 50_000, bsr90: 45_000 },
  market: market({
    new: { snapshot: { buyBoxCents: 3500, lowestFbaCents: 3500, lowestCents: 3299 }, average90Cents: 3500 },
    used_good: { snapshot: { lowestCents: 4800 }, average90Cents: 5000 },
  }),
});
// Shared (smart_velocity): sell 4800 lowest_offer (snapshot). referral 15 % × 4800 = 720; closing 180;
//   FBA 1150 g ≤ 1361 g → 370; inbound 1150 / 453.592 × 40 = 101.41 → 101; prep 20 → fees 1391.
//   buffer 5 % × 4800 = 240. available 4800 − 1391 − 240 = 3169.
//   maxBuy: ⌊3169 / 1.30⌋ = 2437, 3169 − 1200 = 1969 → 1969 (min_profit).
//   velocity: BSR 45,000: 90 − 20 × 35,000 / 40,000 = 72.5 (BUY at best: STRONG_BUY needs 80)
const COOKBOOK = {
  sell: 4800,
  source: "lowest_offer",
  live: false,
  referral: 720,
  closing: 180,
  fba: 370,
  inbound: 101,
  prep: 20,
  fees: 1391,
  buffer: 240,
  maxBuy: 1969,
  rule: "min_profit" as const,
};

describe("3. cookbook (smart_velocity)", () => {
  it("on a supplier's list at $14.00 (perItem, by ISBN-13) → BUY", () => {
    const s = scoreProduct(cookbook, {
      strategy: "smart_velocity",
      costModel: { model: "perItem", items: { "9780760000031": 1400 } },
    });
    // profit 3169 − 1400 = 1769; ROI 1769 / 1400 = 126.36 → ladder BUY (velocity 72.5 ≥ 60)
    expect(economics(s)).toEqual({ ...COOKBOOK, buy: 1400, profit: 1769, roi: 126.36, recommendation: "BUY" });
    expect(s.buyCost?.detail).toBe("listed cost for 9780760000031");
    // price 100 − 200 / 5000 × 100 = 96; BSR 100 − 5000 / 45,000 × 50 = 94.44; competition 100 − 8 × 4 = 68
    // 48 + 28.333 + 13.6 = 89.93
    expect(s.stability).toBe(89.93);
  });

  it("missing from the supplier's list → SKIP, still showing what it is worth paying", () => {
    const s = scoreProduct(cookbook, {
      strategy: "smart_velocity",
      costModel: { model: "perItem", items: { "9780000000000": 900 } },
    });
    expect(economics(s)).toEqual({
      ...COOKBOOK,
      buffer: null,
      buy: null,
      profit: null,
      roi: null,
      recommendation: "SKIP",
    });
    expect(s.reasons).toEqual(["no buy cost: this item is not in the cost list"]);
  });

  it("at 40 % of sell → BUY", () => {
    const s = scoreProduct(cookbook, { strategy: "smart_velocity" });
    // buy 40 % × 4800 = 1920; profit 3169 − 1920 = 1249 ≥ 1200; ROI 1249 / 1920 = 65.05 → BUY (velocity 72.5)
    expect(economics(s)).toEqual({ ...COOKBOOK, buy: 1920, profit: 1249, roi: 65.05, recommendation: "BUY" });
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 4. Light textbook, paperback. BSR 140,000, 680 g, referral 15 %. Verified: 7 live used_good offers (2 FBA, 5 FBM),
 * no used buy box, lowest FBA $64.99, lowest landed $32.00 (an FBM copy); Keepa's older snapshot had $33.50.
 * 90-day used_good average $68.00, 180-day $70.00. Keepa counts 6 new, 8 used, 3 FBA; rank averages 150,000 / 140,000.
 */
const lightTextbook = book({
  asin: "1305000046",
  title: "Essentials of Statistics, 4th edition",
  bsr: 140_000,
  packageWeightGrams: 680,
  referralFeePercent: 15,
  offers: { new: 6, used: 8, fba: 3 },
  averages: { bsr30: 150_000, bsr90: 140_000 },
  verification: verified(),
  market: market({
    used_good: {
      snapshot: { lowestCents: 3350 },
      live: { lowestFbaCents: 6499, lowestCents: 3200, fbaOffers: 2, fbmOffers: 5 },
      average90Cents: 6800,
      average180Cents: 7000,
    },
  }),
});
// Shared (textbooks_standard): sell 6499 lowest_fba (live; it comes before the lowest offer).
//   referral 15 % × 6499 = 974.85 → 975; closing 180; FBA 680 g ≤ 907 g → 330; inbound 680 / 453.592 × 40 = 59.97 → 60;
//   prep 20 → fees 1565. buffer 7 % × 6499 = 454.93 → 455. available 6499 − 1565 − 455 = 4479.
//   maxBuy: ⌊4479 / 1.40⌋ = 3199, 4479 − 1500 = 2979 → 2979 (min_profit).
//   velocity: BSR 140,000 in the 100k–150k tier (70 → 55): 70 − 15 × 40,000 / 50,000 = 58
const LIGHT = {
  sell: 6499,
  source: "lowest_fba",
  live: true,
  referral: 975,
  closing: 180,
  fba: 330,
  inbound: 60,
  prep: 20,
  fees: 1565,
  buffer: 455,
  maxBuy: 2979,
  rule: "min_profit" as const,
};

describe("4. light textbook (textbooks_standard)", () => {
  it("verified, at 40 % of sell → STRONG_BUY", () => {
    const s = scoreProduct(lightTextbook, { strategy: "textbooks_standard" });
    // buy 40 % × 6499 = 2599.6 → 2600; profit 4479 − 2600 = 1879 ≥ 1500; ROI 1879 / 2600 = 72.27
    expect(economics(s)).toEqual({ ...LIGHT, buy: 2600, profit: 1879, roi: 72.27, recommendation: "STRONG_BUY" });
    expect(s.velocity).toBe(58);
    // price 100 − 301 / 6800 × 100 = 95.574; BSR 100 − 10,000 / 140,000 × 50 = 96.429; 7 live offers → 100 − 4 × 4 = 84
    // 47.787 + 28.929 + 16.8 = 93.52 ≥ 60; 2 FBA offers ≤ 5
    expect(s.stability).toBe(93.52);
  });

  it("an Amazon-to-Amazon flip (amazonOffer used_good): buy the $32.00 FBM copy, resell FBA → CONSIDER", () => {
    const s = scoreProduct(lightTextbook, {
      strategy: "textbooks_standard",
      costModel: { model: "amazonOffer", condition: "used_good" },
    });
    // buy 3200 (live lowest landed used_good, not the snapshot's 3350); profit 4479 − 3200 = 1279;
    // ROI 1279 / 3200 = 39.97 → ladder BUY; 1279 < 1500 → CONSIDER (3200 is above maxBuy 2979)
    expect(economics(s)).toEqual({ ...LIGHT, buy: 3200, profit: 1279, roi: 39.97, recommendation: "CONSIDER" });
    expect(s.buyCost).toMatchObject({ condition: "used_good", landed: true, live: true });
  });

  it("the legacy textbooks strategy asks $20 profit → CONSIDER", () => {
    const s = scoreProduct(lightTextbook, { strategy: "textbooks" });
    // same fees and 7 % buffer; profit 1879 < 2000 → CONSIDER; maxBuy ⌊4479 / 1.5⌋ = 2986, 4479 − 2000 = 2479 → 2479
    // velocity: BSR 140,000 in the 100k–200k tier (65 → 45): 65 − 20 × 40,000 / 100,000 = 57
    expect(economics(s)).toEqual({
      ...LIGHT,
      buy: 2600,
      profit: 1879,
      roi: 72.27,
      maxBuy: 2479,
      recommendation: "CONSIDER",
    });
    expect(s.velocity).toBe(57);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 5. Heavy textbook, hardcover, 2,450 g. BSR 310,000, referral 15 %. used_good: Keepa's last lowest landed offer
 * $98.50, 90-day average $105.00. Keepa counts 5 new, 5 used, 2 FBA; rank averages 330,000 / 300,000. Not verified.
 */
const heavyTextbook = book({
  asin: "0134000057",
  title: "Biology: A Global Approach, 12th edition",
  bsr: 310_000,
  packageWeightGrams: 2450,
  referralFeePercent: 15,
  offers: { new: 5, used: 5, fba: 2 },
  averages: { bsr30: 330_000, bsr90: 300_000 },
  market: market({ used_good: { snapshot: { lowestCents: 9850 }, average90Cents: 10_500 } }),
});

describe("5. heavy textbook, 2.45 kg (textbooks_patience)", () => {
  it("at 40 % of sell → BUY (too slow for STRONG_BUY), with the capital-lock warning", () => {
    const s = scoreProduct(heavyTextbook, { strategy: "textbooks_patience" });
    // sell 9850 lowest_offer. referral 15 % × 9850 = 1477.5 → 1478; closing 180;
    // FBA 2450 g > 1361 g: 370 + ⌈(2450 − 1361) / 453.592⌉ = ⌈2.40⌉ = 3 lb × 40 → 490;
    // inbound 2450 / 453.592 × 40 = 216.05 → 216; prep 20 → fees 2384. buffer 7 % × 9850 = 689.5 → 690.
    // available 9850 − 2384 − 690 = 6776; buy 40 % × 9850 = 3940; profit 2836; ROI 2836 / 3940 = 71.98.
    // maxBuy: ⌊6776 / 1.50⌋ = 4517, 6776 − 2500 = 4276 → 4276 (min_profit)
    expect(economics(s)).toEqual({
      sell: 9850,
      source: "lowest_offer",
      live: false,
      referral: 1478,
      closing: 180,
      fba: 490,
      inbound: 216,
      prep: 20,
      fees: 2384,
      buffer: 690,
      buy: 3940,
      profit: 2836,
      roi: 71.98,
      maxBuy: 4276,
      rule: "min_profit",
      recommendation: "BUY",
    });
    // velocity: BSR 310,000 in the 300k–350k tier (40 → 30): 40 − 10 × 10,000 / 50,000 = 38 < 40 → BUY, not STRONG_BUY
    expect(s.velocity).toBe(38);
    expect(s.reasons).toEqual(["ROI 71.98% ≥ 30% and velocity 38 ≥ 30 → BUY"]);
    // price 100 − 650 / 10,500 × 100 = 93.810; BSR 100 − 30,000 / 300,000 × 50 = 95; competition 100 − 2 × 4 = 92
    // 46.905 + 28.5 + 18.4 = 93.80 ≥ 60
    expect(s.stability).toBe(93.8);
    expect(s.warnings).toEqual(["patience strategy: capital may stay locked for 4–6 weeks"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 6. Textbook with no used offer: a new edition just out. BSR 60,000, 900 g, referral 15 %. new: Keepa's last buy box
 * $89.99, lowest FBA $89.99, lowest $84.50, 90-day average $92.00; no used price in any condition, no csv USED.
 * Keepa counts 7 new, 0 used, 3 FBA; rank averages 66,000 / 60,000. Not verified.
 */
const newEdition = book({
  asin: "1119000068",
  title: "Organic Chemistry, 3rd edition",
  bsr: 60_000,
  packageWeightGrams: 900,
  referralFeePercent: 15,
  offers: { new: 7, used: 0, fba: 3 },
  averages: { bsr30: 66_000, bsr90: 60_000 },
  prices: { new: 8450, used: null },
  market: market({
    new: { snapshot: { buyBoxCents: 8999, lowestFbaCents: 8999, lowestCents: 8450 }, average90Cents: 9200 },
  }),
});
// Selling new (textbooks): sell 8999 buy_box (snapshot). referral 15 % × 8999 = 1349.85 → 1350; closing 180;
//   FBA 900 g ≤ 907 g → 330; inbound 900 / 453.592 × 40 = 79.37 → 79; prep 20 → fees 1959.
//   buffer 7 % × 8999 = 629.93 → 630. available 8999 − 1959 − 630 = 6410.
//   maxBuy: ⌊6410 / 1.50⌋ = 4273, 6410 − 2000 = 4410 → 4273 (target_roi).
//   velocity: BSR 60,000 in the ≤ 100k tier (80 → 65): 80 − 15 × 0.6 = 71
const NEW_EDITION = {
  sell: 8999,
  source: "buy_box",
  live: false,
  referral: 1350,
  closing: 180,
  fba: 330,
  inbound: 79,
  prep: 20,
  fees: 1959,
  buffer: 630,
  maxBuy: 4273,
  rule: "target_roi" as const,
};

describe("6. textbook with no used offer (textbooks)", () => {
  it("sold used_good (the default) it has no price → SKIP; the new buy box does not stand in", () => {
    const s = scoreProduct(newEdition, { strategy: "textbooks" });
    expect(economics(s)).toEqual({
      sell: null,
      source: null,
      live: null,
      referral: null,
      closing: null,
      fba: null,
      inbound: null,
      prep: null,
      fees: null,
      buffer: null,
      buy: null,
      profit: null,
      roi: null,
      maxBuy: null,
      rule: null,
      recommendation: "SKIP",
    });
    expect(s.reasons).toEqual([
      "no landed used_good price (no buy box, offer or 90/180-day average in that condition); not verified: live offers may show one",
    ]);
    // no csv USED either: nothing to order it by
    expect(s.estimate).toEqual({ roiPercent: null, basis: "none" });
  });

  it("sold new at 40 % of sell → BUY (provisional)", () => {
    const s = scoreProduct(newEdition, { strategy: "textbooks", sellCondition: "new" });
    // buy 40 % × 8999 = 3599.6 → 3600; profit 6410 − 3600 = 2810 ≥ 2000; ROI 2810 / 3600 = 78.06
    // ladder STRONG_BUY (velocity 71 ≥ 50), not verified → BUY
    expect(economics(s)).toEqual({ ...NEW_EDITION, buy: 3600, profit: 2810, roi: 78.06, recommendation: "BUY" });
    expect(s.competition).toEqual({ offers: 7, fbaOffers: 3, fbmOffers: null, scope: "all_new", live: false });
    // price 100 − 201 / 9200 × 100 = 97.815; BSR 100 − 6000 / 60,000 × 50 = 95; 7 new offers → 100 − 4 × 4 = 84
    // 48.908 + 28.5 + 16.8 = 94.21
    expect(s.stability).toBe(94.21);
  });

  it("sold new from a distributor at $45.00 (flatCents 4500) → CONSIDER", () => {
    const s = scoreProduct(newEdition, {
      strategy: "textbooks",
      sellCondition: "new",
      costModel: { model: "flatCents", cents: 4500 },
    });
    // profit 6410 − 4500 = 1910 < 2000; ROI 1910 / 4500 = 42.44 → ladder BUY, capped at CONSIDER (4500 > maxBuy 4273)
    expect(economics(s)).toEqual({ ...NEW_EDITION, buy: 4500, profit: 1910, roi: 42.44, recommendation: "CONSIDER" });
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 7. A textbook Amazon sells new. BSR 25,000, 1,000 g, referral 15 %. Verified: Amazon holds the new buy box ($74.99);
 * 8 live used_good offers (2 FBA, 6 FBM), lowest FBA $59.00, lowest $54.00; 90-day used_good average $56.00.
 * Keepa counts 9 new, 15 used, 4 FBA; rank averages 26,000 / 25,000.
 */
const amazonListing = book({
  asin: "0357000079",
  title: "Psychology: Themes and Variations",
  bsr: 25_000,
  packageWeightGrams: 1000,
  referralFeePercent: 15,
  offers: { new: 9, used: 15, fba: 4 },
  averages: { bsr30: 26_000, bsr90: 25_000 },
  amazonOnListing: true,
  prices: { amazon: 7499, new: 7499, used: 5000 },
  verification: verified({ amazonOffer: true, buyBoxIsAmazon: true }),
  market: market({
    new: { live: { buyBoxCents: 7499, lowestCents: 7499, fbaOffers: 1 }, average90Cents: 7499 },
    used_good: { live: { lowestFbaCents: 5900, lowestCents: 5400, fbaOffers: 2, fbmOffers: 6 }, average90Cents: 5600 },
  }),
});

describe("7. Amazon on the listing (textbooks)", () => {
  it("profitable on paper, yet SKIP", () => {
    const s = scoreProduct(amazonListing, { strategy: "textbooks" });
    // sell 5900 lowest_fba (live). referral 15 % × 5900 = 885; closing 180; FBA 1000 g ≤ 1361 g → 370;
    // inbound 1000 / 453.592 × 40 = 88.18 → 88; prep 20 → fees 1543. buffer 7 % × 5900 = 413.
    // available 5900 − 1543 − 413 = 3944; buy 40 % × 5900 = 2360; profit 1584; ROI 1584 / 2360 = 67.12.
    // maxBuy: ⌊3944 / 1.50⌋ = 2629, 3944 − 2000 = 1944 → 1944 (min_profit)
    expect(economics(s)).toEqual({
      sell: 5900,
      source: "lowest_fba",
      live: true,
      referral: 885,
      closing: 180,
      fba: 370,
      inbound: 88,
      prep: 20,
      fees: 1543,
      buffer: 413,
      buy: 2360,
      profit: 1584,
      roi: 67.12,
      maxBuy: 1944,
      rule: "min_profit",
      recommendation: "SKIP",
    });
    expect(s.reasons).toEqual(["Amazon sells on this listing: rejected"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 8. Crowded FBA competition. BSR 55,000, 1,300 g, referral 15 %. Verified: 23 live used_good offers (9 FBA, 14 FBM),
 * lowest FBA $74.95, lowest $62.00; 90-day used_good average $76.00. Keepa counts 8 new, 31 used, 3 FBA; rank averages
 * 60,000 / 55,000.
 */
const crowded = book({
  asin: "1285000080",
  title: "Calculus: One and Several Variables",
  bsr: 55_000,
  packageWeightGrams: 1300,
  referralFeePercent: 15,
  offers: { new: 8, used: 31, fba: 3 },
  averages: { bsr30: 60_000, bsr90: 55_000 },
  verification: verified({ offersRetrieved: 20 }),
  market: market({
    used_good: { live: { lowestFbaCents: 7495, lowestCents: 6200, fbaOffers: 9, fbmOffers: 14 }, average90Cents: 7600 },
  }),
});

describe("8. crowded FBA competition (textbooks_standard)", () => {
  it("STRONG_BUY numbers, but 9 FBA sellers in used_good > 5 → CONSIDER", () => {
    const s = scoreProduct(crowded, { strategy: "textbooks_standard" });
    // sell 7495 lowest_fba (live). referral 15 % × 7495 = 1124.25 → 1124; closing 180; FBA 1300 g ≤ 1361 g → 370;
    // inbound 1300 / 453.592 × 40 = 114.64 → 115; prep 20 → fees 1809. buffer 7 % × 7495 = 524.65 → 525.
    // available 7495 − 1809 − 525 = 5161; buy 40 % × 7495 = 2998; profit 2163 ≥ 1500; ROI 2163 / 2998 = 72.15.
    // maxBuy: ⌊5161 / 1.40⌋ = 3686, 5161 − 1500 = 3661 → 3661 (min_profit)
    expect(economics(s)).toEqual({
      sell: 7495,
      source: "lowest_fba",
      live: true,
      referral: 1124,
      closing: 180,
      fba: 370,
      inbound: 115,
      prep: 20,
      fees: 1809,
      buffer: 525,
      buy: 2998,
      profit: 2163,
      roi: 72.15,
      maxBuy: 3661,
      rule: "min_profit",
      recommendation: "CONSIDER",
    });
    // velocity: BSR 55,000 in the ≤ 100k tier (85 → 70): 85 − 15 × 0.55 = 76.75
    expect(s.reasons).toEqual([
      "ROI 72.15% ≥ 50% and velocity 76.75 ≥ 50 → STRONG_BUY",
      "capped at CONSIDER: 9 FBA offers in used_good > strategy maximum 5",
    ]);
    // price 100 − 105 / 7600 × 100 = 98.618; BSR 100 − 5000 / 55,000 × 50 = 95.455; 23 offers → 100 − 20 × 4 = 20
    // 49.309 + 28.636 + 4 = 81.95 ≥ 60: only the FBA count caps it
    expect(s.stability).toBe(81.95);
    // ROI ≥ 25 % but 23 > 10 offers; ROI ≥ 10 % with 23 ≤ 25 → MODERATE
    expect(s.conditionSignal).toBe("MODERATE");
    expect(s.competition).toEqual({ offers: 23, fbaOffers: 9, fbmOffers: 14, scope: "condition", live: true });
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/**
 * 9. Out-of-print study guide. BSR 60,000, 400 g, referral 15 %. Verified: no live used_good offer; 90-day used_good
 * average $39.00, 180-day $41.00. Keepa counts 0 new, 2 used, 0 FBA; rank averages 66,000 / 60,000.
 */
const outOfPrint = book({
  asin: "0071000091",
  title: "GRE Verbal Workbook (2009)",
  bsr: 60_000,
  packageWeightGrams: 400,
  referralFeePercent: 15,
  offers: { new: 0, used: 2, fba: 0 },
  averages: { bsr30: 66_000, bsr90: 60_000 },
  verification: verified({ offersRetrieved: 0 }),
  market: market({ used_good: { live: {}, average90Cents: 3900, average180Cents: 4100 } }),
});

describe("9. out-of-print study guide (smart_velocity)", () => {
  it("priced only by its 90-day average → capped at CONSIDER", () => {
    const s = scoreProduct(outOfPrint, { strategy: "smart_velocity", costModel: { model: "flatCents", cents: 300 } });
    // sell 3900 average_90d (not live). referral 15 % × 3900 = 585; closing 180; FBA 400 g ≤ 454 g → 290;
    // inbound 400 / 453.592 × 40 = 35.27 → 35; prep 20 → fees 1110. buffer 5 % × 3900 = 195.
    // available 3900 − 1110 − 195 = 2595; buy 300; profit 2295; ROI 2295 / 300 = 765.
    // maxBuy: ⌊2595 / 1.30⌋ = 1996, 2595 − 1200 = 1395 → 1395 (min_profit)
    expect(economics(s)).toEqual({
      sell: 3900,
      source: "average_90d",
      live: false,
      referral: 585,
      closing: 180,
      fba: 290,
      inbound: 35,
      prep: 20,
      fees: 1110,
      buffer: 195,
      buy: 300,
      profit: 2295,
      roi: 765,
      maxBuy: 1395,
      rule: "min_profit",
      recommendation: "CONSIDER",
    });
    // velocity: BSR 60,000 in the 50k–100k tier (70 → 50): 70 − 20 × 10,000 / 50,000 = 66 → ladder BUY
    expect(s.reasons).toEqual([
      "ROI 765% ≥ 30% and velocity 66 ≥ 60 → BUY",
      "capped at CONSIDER: sell price is a historical average: no current used_good offer",
    ]);
    // no price component; BSR 95; 0 live offers → 100: (0.3·95 + 0.2·100) / 0.5 = 97
    expect(s.stability).toBe(97);
  });
});
