import { describe, it, expect } from "vitest";
import { calculateProfit, maxBuyFor, maxBuyPriceForRoi, roiPercent } from "../../src/sourcing/scoring/profit.ts";

describe("calculateProfit", () => {
  it("sell 3999, buy 800, fees 1130, buffer 5 % → profit 1869, ROI 233.63 (233.625 rounded half up)", () => {
    expect(calculateProfit({ sellCents: 3999, buyCents: 800, feesCents: 1130, bufferPercent: 5 })).toEqual({
      sellCents: 3999,
      buyCents: 800,
      feesCents: 1130,
      bufferPercent: 5,
      bufferCents: 200,
      profitCents: 1869,
      roiPercent: 233.63,
      marginPercent: 46.74,
      breakevenBuyCents: 2669,
    });
  });

  it("textbook buffer 7 % changes the profit", () => {
    const p = calculateProfit({ sellCents: 3999, buyCents: 800, feesCents: 1130, bufferPercent: 7 });
    expect(p.bufferCents).toBe(280);
    expect(p.profitCents).toBe(1789);
    expect(p.roiPercent).toBe(223.63);
  });

  it("reports losses as negative profit and ROI", () => {
    const p = calculateProfit({ sellCents: 1000, buyCents: 900, feesCents: 500, bufferPercent: 5 });
    expect(p.profitCents).toBe(-450);
    expect(p.roiPercent).toBe(-50);
    expect(p.marginPercent).toBe(-45);
  });

  it("gives an exact 30 % ROI when profit = 0.3 × buy", () => {
    expect(calculateProfit({ sellCents: 20000, buyCents: 12000, feesCents: 3400, bufferPercent: 5 }).roiPercent).toBe(
      30,
    );
  });

  it("ROI is null (not Infinity) for a free book; the profit is still real", () => {
    const p = calculateProfit({ sellCents: 3999, buyCents: 0, feesCents: 1130, bufferPercent: 5 });
    expect(p.roiPercent).toBeNull();
    expect(p.profitCents).toBe(2669);
  });
});

describe("roiPercent rounding", () => {
  it.each([
    [1, 20000, 0.01],
    [-1, 20000, -0.01],
    [1069, 800, 133.63],
    [1, 3, 33.33],
    [2, 3, 66.67],
  ])("profit %i / buy %i → ROI %s", (profit, buy, roi) => {
    expect(roiPercent(profit, buy)).toBe(roi);
  });
});

describe("maxBuyPriceForRoi", () => {
  it("(3999 − 1130 − 200) / 1.30 = 2053.08 → 2053, which still reaches 30 %", () => {
    const max = maxBuyPriceForRoi(3999, 1130, 5, 30);
    expect(max).toBe(2053);
    expect(
      calculateProfit({ sellCents: 3999, buyCents: max, feesCents: 1130, bufferPercent: 5 }).roiPercent,
    ).toBeGreaterThanOrEqual(30);
    expect(
      calculateProfit({ sellCents: 3999, buyCents: max + 1, feesCents: 1130, bufferPercent: 5 }).roiPercent,
    ).toBeLessThan(30);
  });

  it("returns 0 when fees and buffer eat the whole price", () => {
    expect(maxBuyPriceForRoi(1000, 1000, 5, 30)).toBe(0);
  });
});

describe("maxBuyFor: the lower of the target-ROI and minimum-profit limits", () => {
  const smart = { roiPercent: 30, minProfitCents: 1200 };

  it("min_profit limits a cheap book: available 3999 − 1130 − 200 = 2669; 2669 − 1200 = 1469 < ⌊2669 / 1.3⌋ = 2053", () => {
    expect(maxBuyFor(3999, 1130, 5, smart)).toEqual({ cents: 1469, rule: "min_profit" });
  });

  it("target_roi limits a dear one: available 10,000 − 2030 − 500 = 7470; ⌊7470 / 1.3⌋ = 5746 < 7470 − 1200 = 6270", () => {
    expect(maxBuyFor(10_000, 2030, 5, smart)).toEqual({ cents: 5746, rule: "target_roi" });
  });

  it("a tie is target_roi: available 10,000 − 4300 − 500 = 5200; ⌊5200 / 1.3⌋ = 4000 = 5200 − 1200", () => {
    expect(maxBuyFor(10_000, 4300, 5, smart)).toEqual({ cents: 4000, rule: "target_roi" });
  });

  it("never below 0", () => {
    // available 1000 − 680 − 50 = 270: ⌊270 / 1.3⌋ = 207, 270 − 1200 < 0 → 0
    expect(maxBuyFor(1000, 680, 5, smart)).toEqual({ cents: 0, rule: "min_profit" });
    // available 1000 − 1000 − 50 < 0: both limits are 0
    expect(maxBuyFor(1000, 1000, 5, smart).cents).toBe(0);
  });

  it("with no minimum profit it is the target-ROI price", () => {
    expect(maxBuyFor(3999, 1130, 5, { roiPercent: 30, minProfitCents: 0 })).toEqual({
      cents: maxBuyPriceForRoi(3999, 1130, 5, 30),
      rule: "target_roi",
    });
  });
});
