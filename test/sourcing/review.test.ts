import { describe, it, expect } from "vitest";
import { DEFAULT_SCORING_CONFIG as C } from "../../src/sourcing/scoring/config.ts";
import { classifyDailyReview } from "../../src/sourcing/scoring/review.ts";
import type { ReviewInput } from "../../src/sourcing/scoring/review.ts";

const T0 = "2026-03-01T08:00:00.000Z";
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const base: ReviewInput = {
  roiPercent: 40,
  bsr: 50_000,
  amazonOnListing: false,
  conditionSignal: "STRONG",
  sightings: [T0, at(7)],
};
const review = (over: Partial<ReviewInput>) => classifyDailyReview({ ...base, ...over }, C);

describe("classifyDailyReview (first match wins)", () => {
  it.each([
    [{ amazonOnListing: true }, "REJECT"],
    [{ roiPercent: -0.01 }, "REJECT"],
    [{ roiPercent: null }, "REJECT"],
    [{ bsr: null }, "REJECT"],
    [{ bsr: -1 }, "REJECT"],
    [{ bsr: 0 }, "STABLE"],
    [{ conditionSignal: "WEAK" as const, roiPercent: 19.99 }, "REJECT"],
    [{ conditionSignal: "WEAK" as const, roiPercent: 20 }, "STABLE"],
    [{ sightings: [] }, "FLUKE"],
    [{ roiPercent: 80 }, "STABLE"],
    [{ roiPercent: 80.01 }, "JACKPOT"],
    [{ roiPercent: 15 }, "STABLE"],
    [{ roiPercent: 14.99 }, "FLUKE"],
    [{ roiPercent: 0 }, "FLUKE"],
    [{ sightings: [T0] }, "FLUKE"],
    [{ sightings: [T0, at(24)] }, "STABLE"],
    [{ sightings: [T0, at(25)] }, "REVENANT"],
    [{ sightings: [at(25), T0] }, "REVENANT"],
    [{ sightings: [T0, at(1), at(30)] }, "REVENANT"],
    [{ roiPercent: 95, sightings: [T0, at(48)] }, "JACKPOT"],
  ])("%o → %s", (over, expected) => {
    expect(review(over).classification).toBe(expected);
  });

  it("JACKPOT always requires a manual check; others never", () => {
    expect(review({ roiPercent: 81 }).requiresManualCheck).toBe(true);
    expect(review({}).requiresManualCheck).toBe(false);
    expect(review({ roiPercent: 81, amazonOnListing: true }).classification).toBe("REJECT");
  });

  it("the WEAK rejection threshold comes from config (it must reach the classifier)", () => {
    const cfg = { ...C, dailyReview: { ...C.dailyReview, weakRejectRoiBelow: 5 } };
    expect(classifyDailyReview({ ...base, conditionSignal: "WEAK", roiPercent: 19.99 }, cfg).classification).toBe(
      "STABLE",
    );
  });
});
