import { describe, expect, it } from "vitest";
import {
  checkPurchase,
  PURCHASE_CHECK_THRESHOLDS,
  planPurchaseCheck,
  purchaseMessage,
  verdictOf,
  verifyPurchaseBody,
} from "../../src/sourcing/index.ts";
import type { PurchaseChange, TodayFacts } from "../../src/sourcing/index.ts";

/** Today as a verified used_good product with a live buy box, 100,000 rank, 4 FBA offers, no Amazon. */
const today = (over: Partial<TodayFacts> = {}): TodayFacts => ({
  condition: "used_good",
  priceCents: 2_000,
  priceSource: "buy_box",
  bsr: 100_000,
  fbaCount: 4,
  amazonSelling: false,
  ...over,
});

const only = (changes: PurchaseChange[], field: PurchaseChange["field"]) => changes.filter((c) => c.field === field);

describe("price: |today − saved| / saved, warning at 10 %, critical at 25 % down (a rise is only a warning)", () => {
  it.each([
    // saved 2,000 → today 2,199: 199 / 2,000 = 9.95 % → below the warning
    [2_000, 2_199, 9.95, undefined],
    // 200 / 2,000 = 10 % exactly → warning
    [2_000, 2_200, 10, "warning"],
    // 499 / 2,000 = 24.95 % → still a warning
    [2_000, 2_499, 24.95, "warning"],
    // 500 / 2,000 = 25 % up: in the seller's favour, so a warning, never a reason to avoid
    [2_000, 2_500, 25, "warning"],
    // down: −200 / 2,000 = −10 % → warning; −500 / 2,000 = −25 % → critical
    [2_000, 1_800, -10, "warning"],
    [2_000, 1_500, -25, "critical"],
    // −499 / 2,000 = −24.95 % → warning
    [2_000, 1_501, -24.95, "warning"],
  ] as const)("saved %i, today %i: %f %% → %s", (saved, now, percent, severity) => {
    const check = checkPurchase({ priceCents: saved }, today({ priceCents: now }));
    const [change] = only(check.changes, "priceCents");
    if (severity === undefined) {
      expect(change).toBeUndefined();
      expect(check.verdict).toBe("OK");
      return;
    }
    expect(change).toMatchObject({ field: "priceCents", saved, now, changePercent: percent, severity });
    expect(check.verdict).toBe(severity === "critical" ? "AVOID" : "CHANGED");
  });

  it("is decided on the percent shown: 9.9995 % is shown as 10 % and counts as 10 %", () => {
    // 2,000 / 20,001 = 9.99950… % → 10.00 at two decimals: the answer never shows 10 % beside "no change".
    const check = checkPurchase({ priceCents: 20_001 }, today({ priceCents: 22_001 }));
    expect(check.changes).toEqual([expect.objectContaining({ changePercent: 10, severity: "warning" })]);
    // 1,998 / 20,001 = 9.98950… % → 9.99: no change.
    expect(checkPurchase({ priceCents: 20_001 }, today({ priceCents: 21_999 })).changes).toEqual([]);
  });

  it("names the condition, both prices and the thresholds; says when today's price is only an average", () => {
    const [change] = checkPurchase({ priceCents: 2_000 }, today({ priceCents: 1_700 })).changes;
    expect(change?.sentence).toBe(
      "The used_good sell price is $17.00 today, 15 % below the $20.00 you saved (warning at 10 %, critical at 25 %).",
    );
    const [average] = checkPurchase(
      { priceCents: 2_000 },
      today({ priceCents: 1_700, priceSource: "average_90d" }),
    ).changes;
    expect(average?.sentence).toContain("only the 90-day average: no used_good offer today");
  });

  it("no sell price in the condition today: a warning, since the saved price cannot be checked", () => {
    const check = checkPurchase({ priceCents: 2_000 }, today({ priceCents: null, priceSource: null }));
    expect(check.changes).toEqual([
      expect.objectContaining({ field: "priceCents", now: null, changePercent: null, severity: "warning" }),
    ]);
    expect(check.verdict).toBe("CHANGED");
  });
});

describe("BSR: |today − saved| / saved, warning at 50 %, critical at 100 %", () => {
  it.each([
    // 49,994 / 100,000 = 49.994 % → 49.99 → below the warning
    [100_000, 149_994, 49.99, undefined],
    // 50,000 / 100,000 = 50 % → warning
    [100_000, 150_000, 50, "warning"],
    // 99,994 / 100,000 = 99.994 % → 99.99 → still a warning
    [100_000, 199_994, 99.99, "warning"],
    // 100,000 / 100,000 = 100 % → critical
    [100_000, 200_000, 100, "critical"],
    // faster counts as a change too: −50,000 / 100,000 = −50 % → warning
    [100_000, 50_000, -50, "warning"],
    // −49,990 / 100,000 = −49.99 % → no change
    [100_000, 50_010, -49.99, undefined],
  ] as const)("saved %i, today %i: %f %% → %s", (saved, now, percent, severity) => {
    const check = checkPurchase({ bsr: saved }, today({ bsr: now }));
    const [change] = only(check.changes, "bsr");
    if (severity === undefined) {
      expect(change).toBeUndefined();
      return;
    }
    expect(change).toMatchObject({ field: "bsr", saved, now, changePercent: percent, severity });
  });

  it("says which way it moved", () => {
    const slower = checkPurchase({ bsr: 100_000 }, today({ bsr: 200_000 })).changes[0];
    expect(slower?.sentence).toBe(
      "The sales rank is #200,000 today, 100 % from the #100,000 you saved: it sells slower than it did " +
        "(warning at 50 %, critical at 100 %).",
    );
    expect(checkPurchase({ bsr: 100_000 }, today({ bsr: 40_000 })).changes[0]?.sentence).toContain("sells faster");
  });

  it("no rank today: a warning", () => {
    expect(checkPurchase({ bsr: 100_000 }, today({ bsr: null })).changes).toEqual([
      expect.objectContaining({ field: "bsr", now: null, severity: "warning" }),
    ]);
  });
});

describe("FBA offers in the sell condition: today − saved, warning at +3, critical at +5", () => {
  it.each([
    // 2 → 4: +2 → no change
    [2, 4, undefined],
    // 2 → 5: +3 → warning
    [2, 5, "warning"],
    // 2 → 6: +4 → warning
    [2, 6, "warning"],
    // 2 → 7: +5 → critical
    [2, 7, "critical"],
    // fewer competitors is never a warning: 9 → 0 is −9
    [9, 0, undefined],
  ] as const)("saved %i, today %i → %s", (saved, now, severity) => {
    const check = checkPurchase({ fbaCount: saved }, today({ fbaCount: now }));
    const [change] = only(check.changes, "fbaCount");
    if (severity === undefined) {
      expect(change).toBeUndefined();
      return;
    }
    expect(change).toMatchObject({ field: "fbaCount", saved, now, delta: now - saved, severity });
    expect(change?.sentence).toBe(
      `${now} FBA offers in used_good today, ${now - saved} more than the ${saved} you saved ` +
        "(warning at +3, critical at +5).",
    );
  });

  it("not counted live today: a warning", () => {
    expect(checkPurchase({ fbaCount: 2 }, today({ fbaCount: null })).changes).toEqual([
      expect.objectContaining({ field: "fbaCount", now: null, delta: null, severity: "warning" }),
    ]);
  });
});

describe("Amazon and the verdict", () => {
  it("Amazon selling on the listing is critical whatever was saved: AVOID", () => {
    const check = checkPurchase({ priceCents: 2_000 }, today({ amazonSelling: true }));
    expect(check.changes).toEqual([
      expect.objectContaining({ field: "amazonSelling", saved: null, now: true, severity: "critical" }),
    ]);
    expect(check.verdict).toBe("AVOID");
    expect(check.checked).toEqual(["priceCents", "amazonSelling"]);
  });

  it("unknown Amazon presence is a warning; a known absence is checked and says nothing", () => {
    expect(checkPurchase({ bsr: 100_000 }, today({ amazonSelling: null })).verdict).toBe("CHANGED");
    const clean = checkPurchase({ priceCents: 2_000, bsr: 100_000, fbaCount: 4 }, today());
    expect(clean).toEqual({
      verdict: "OK",
      changes: [],
      checked: ["priceCents", "bsr", "fbaCount", "amazonSelling"],
    });
  });

  it("AVOID on any critical, CHANGED on warnings only, OK on none; every change is listed", () => {
    // price unchanged (2,000 → 2,000), rank +100 % (critical), FBA 1 → 4 = +3 (warning)
    const check = checkPurchase({ priceCents: 2_000, bsr: 100_000, fbaCount: 1 }, today({ bsr: 200_000 }));
    expect(check.changes.map((c) => [c.field, c.severity])).toEqual([
      ["bsr", "critical"],
      ["fbaCount", "warning"],
    ]);
    expect(check.verdict).toBe("AVOID");
    const warnings = checkPurchase({ priceCents: 1_800, fbaCount: 1 }, today());
    // 200 / 1,800 = 11.11 % (warning); 4 − 1 = +3 (warning)
    expect(warnings.changes.map((c) => c.severity)).toEqual(["warning", "warning"]);
    expect(warnings.verdict).toBe("CHANGED");
    expect(verdictOf([])).toBe("OK");
  });

  it("the thresholds are the original app's", () => {
    expect(PURCHASE_CHECK_THRESHOLDS).toEqual({
      pricePercent: { warning: 10, critical: 25 },
      bsrPercent: { warning: 50, critical: 100 },
      fbaIncrease: { warning: 3, critical: 5 },
    });
  });
});

describe("the message", () => {
  it("leads with the verdict's reason and ends with today's recommendation and max buy", () => {
    const avoid = checkPurchase({ priceCents: 2_000 }, today({ amazonSelling: true }));
    expect(purchaseMessage(avoid, { recommendation: "SKIP", maxBuyCents: 500, buyPriceCents: 800 })).toBe(
      "Do not buy: Amazon sells on this listing now: a third-party copy rarely wins the buy box against it. " +
        "Today: SKIP, worth paying at most $5.00. At $8.00 you would pay more than that.",
    );
    const ok = checkPurchase({ bsr: 100_000 }, today());
    expect(purchaseMessage(ok, { recommendation: "BUY", maxBuyCents: 900, buyPriceCents: 600 })).toBe(
      "Nothing you saved has moved past its threshold. Today: BUY, worth paying at most $9.00.",
    );
  });
});

describe("the plan and the body", () => {
  it("reserves the upper bound of live offers (2 pages of 6 = 12), never the cache; a smaller budget cannot verify", () => {
    const plan = planPurchaseCheck(12);
    expect(plan).toMatchObject({ fits: true, cost: 12, verify: { requested: 1, planned: 1, unitCost: 12, cost: 12 } });
    expect(plan.notes.join(" ")).toContain("never read");
    expect(planPurchaseCheck(11)).toMatchObject({ fits: false, cost: 0, minimumCost: 12, budget: 11 });
  });

  it("needs at least one saved number; costCents alone is one", () => {
    expect(verifyPurchaseBody.safeParse({}).success).toBe(false);
    expect(verifyPurchaseBody.safeParse({ strategy: "textbooks" }).success).toBe(false);
    expect(verifyPurchaseBody.parse({ costCents: 400 })).toMatchObject({
      costCents: 400,
      strategy: "smart_velocity",
    });
  });

  it.each([
    [{ priceCents: 0 }, "priceCents"],
    [{ priceCents: 12.5 }, "priceCents"],
    [{ priceCents: "1200" }, "priceCents"],
    [{ bsr: null }, "bsr"],
    [{ fbaCount: -1 }, "fbaCount"],
    [{ bsr: 10, saved_price: 12 }, ""],
    [
      { bsr: 10, sellCondition: "used_good", costModel: { model: "amazonOffer", condition: "used_acceptable" } },
      "costModel.condition",
    ],
  ])("refuses %j (%s)", (body, field) => {
    const result = verifyPurchaseBody.safeParse(body);
    expect(result.success).toBe(false);
    if (field) expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
