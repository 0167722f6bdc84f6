// AutoSourcing on the new economics (docs/economics.md): a job screens, verifies the best candidates with live offers,
// scores in the profile's sell condition and cost model, and a product under the strategy's minimum profit is never a
// pick unless the profile keeps them.
import { beforeEach, describe, expect, it } from "vitest";
import { createTriggeredJob, jobPicks, runJob } from "../../src/autosourcing/index.ts";
import { DEFAULT_SCORING_CONFIG } from "../../src/sourcing/index.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, testClock } from "./helpers.ts";

const running = await useSimulator();

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

type Pick = {
  profit_cents: number | null;
  recommendation: string;
  scores: {
    sellCondition: string;
    sellPrice: { condition: string; landed: boolean } | null;
    buyCost: { model: string } | null;
    verified: boolean;
    maxBuyCents: number | null;
  };
};
type Outcome = {
  status: string;
  tested: number;
  plan: {
    verify: { planned: number };
    verified: { fetched: number };
    spread: { bands: number; min: number; max: number };
  } | null;
};

async function runProfile(scoring: Record<string, unknown>): Promise<{ picks: Pick[]; outcome: Outcome }> {
  const clock = testClock();
  const { deps } = capturingDeps(clock.now);
  const profileId = await createProfile({
    name: `Economics ${Math.random().toString(36).slice(2, 8)}`,
    discovery: { categories: ["business"], bsrMin: 10_000, bsrMax: 400_000, maxResults: 40 },
    scoring: { strategy: "smart_velocity", maxPicks: 100, minRoi: -100, ...scoring },
  });
  const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
  const result = await runJob(job.id, deps());
  expect(result.ran).toBe(true);
  const outcome = (result as unknown as { outcome: Outcome }).outcome;
  return { picks: (await jobPicks(db(), job.id)) as unknown as Pick[], outcome };
}

describe("AutoSourcing economics", () => {
  it("a job verifies its best candidates and prices every pick in the profile's condition", async () => {
    const { picks, outcome } = await runProfile({ sellCondition: "used_very_good", minRecommendation: "SKIP" });
    expect(outcome.status).toBe("succeeded");
    // 3 band pages (33) + 3 × 14 screened (42) = 75; 200 − 75 = 125 → the 10 asked for (120).
    expect(outcome.plan?.verify.planned).toBe(10);
    expect(outcome.plan?.verified.fetched).toBeGreaterThan(0);
    // The screened products reach into the slowest band (from 116,961 = 10,000 × 40^(2/3)), not only the fast edge.
    expect(outcome.plan?.spread).toMatchObject({ bands: 3 });
    expect(outcome.plan?.spread.min).toBeLessThan(34_200);
    expect(outcome.plan?.spread.max).toBeGreaterThanOrEqual(116_961);
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.some((p) => p.scores.verified)).toBe(true);
    for (const p of picks) {
      expect(p.scores.sellCondition).toBe("used_very_good");
      if (p.scores.sellPrice) expect(p.scores.sellPrice).toMatchObject({ condition: "used_very_good", landed: true });
      if (!p.scores.verified) expect(p.recommendation).not.toBe("STRONG_BUY");
    }
  });

  it("profit under the strategy's minimum is SKIP, never a pick; keepBelowMinProfit keeps them as CONSIDER", async () => {
    const min = DEFAULT_SCORING_CONFIG.strategies.smart_velocity.minProfitCents;
    const strict = await runProfile({});
    expect(strict.picks.length).toBeGreaterThan(0);
    for (const p of strict.picks) expect(p.profit_cents ?? 0).toBeGreaterThanOrEqual(min);
    const kept = await runProfile({ keepBelowMinProfit: true });
    const below = kept.picks.filter((p) => p.profit_cents !== null && p.profit_cents > 0 && p.profit_cents < min);
    expect(below.length, "the catalogue has low-profit books in this range").toBeGreaterThan(0);
    for (const p of below) expect(p.recommendation).toBe("CONSIDER");
  });
});
