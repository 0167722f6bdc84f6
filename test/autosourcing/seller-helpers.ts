// Picks and sightings for the seller's views, written through the production store functions: a job is created,
// claimed, writes its scored products (writeResults) and finishes (finishJob) at a time the test chooses.
import type { Context } from "@netlify/functions";
import { claimJob, createTriggeredJob, finishJob, writeResults } from "../../src/autosourcing/index.ts";
import type { JobOutcome, Scored } from "../../src/autosourcing/index.ts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import type { Services } from "../../src/shared/index.ts";
import { fakeContext } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { AUTH } from "../helpers/simulator.ts";
import { db } from "./helpers.ts";

export const HOUR = 3_600_000;

/** What a crafted product differs in; the rest is a plausible verified used_good book. */
export type Product = {
  asin: string;
  roi: number | null;
  title?: string;
  bsr?: number | null;
  amazonOnListing?: boolean;
  conditionSignal?: "STRONG" | "MODERATE" | "WEAK" | "UNKNOWN";
  maxBuyCents?: number;
  buyCents?: number;
  /** This job bought the data from Keepa (false: served from the product cache). @default true */
  fresh?: boolean;
  /** @default true */
  selected?: boolean;
};

/** The stored view of a crafted product: the fields the picks and sightings store, and its economics. */
export function scoredOf(p: Product): Scored {
  const buy = p.buyCents ?? 1_000;
  const profit = p.roi === null ? null : Math.round((buy * p.roi) / 100);
  const view = {
    asin: p.asin,
    title: p.title ?? `Book ${p.asin}`,
    bsr: p.bsr === undefined ? 40_000 : p.bsr,
    sellCondition: "used_good",
    sellPrice: { cents: 3_000, condition: "used_good", landed: true, source: "lowest_offer", live: true },
    buyCost: { cents: buy, model: "flatCents", detail: "flat", condition: null, landed: false, live: false },
    buyPriceCents: buy,
    sellPriceCents: 3_000,
    profitCents: profit,
    roiPercent: p.roi,
    maxBuyCents: p.maxBuyCents ?? 1_500,
    verified: true,
    velocity: 70,
    stability: 60,
    confidence: 80,
    recommendation: "BUY",
    conditionSignal: p.conditionSignal ?? "STRONG",
    amazonOnListing: p.amazonOnListing ?? false,
    reasons: [],
  };
  const tier = { tier: "WATCH", reason: "crafted", featured: false };
  return { view, tier, selected: p.selected ?? true, fresh: p.fresh ?? true } as unknown as Scored;
}

const outcome = (tested: number, selected: number): JobOutcome => ({
  status: "succeeded",
  reason: null,
  retryAt: null,
  reservationId: null,
  tokensReserved: 0,
  tokensSpent: 0,
  tested,
  selected,
  error: null,
  plan: null,
});

/**
 * A job of `profileId` that ran at `at` (epoch ms) and found `products`: its sightings were seen, its picks created
 * and the job finished at that time.
 */
export async function craftJob(profileId: string, at: number, products: readonly Product[]): Promise<string> {
  const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: at });
  if (!(await claimJob(db(), job.id, at))) throw new Error("job not claimed");
  const scored = products.map(scoredOf);
  await writeResults(db(), job.id, profileId, scored);
  const when = new Date(at).toISOString();
  // The rows took the database's clock; the job ran at `at` (sightings and picks are written during the run).
  await db().query("UPDATE sightings SET seen_at = $2 WHERE job_id = $1", [job.id, when]);
  await db().query("UPDATE picks SET created_at = $2 WHERE job_id = $1", [job.id, when]);
  const selected = scored.filter((s) => s.selected).length;
  if (!(await finishJob(db(), job.id, outcome(scored.length, selected), at, "running")))
    throw new Error("job not finished");
  return job.id;
}

export async function pickId(jobId: string, asin: string): Promise<string> {
  const rows = await db().query<{ id: string }>("SELECT id::text FROM picks WHERE job_id = $1 AND asin = $2", [
    jobId,
    asin,
  ]);
  if (!rows[0]) throw new Error(`no pick ${asin} in job ${jobId}`);
  return rows[0].id;
}

/** GETs a door on this file's stack, its clock at `now` when given. */
export function get(
  door: EndpointHandler<Services> | EndpointHandler<Runtime>,
  path: string,
  options: { now?: number; headers?: Record<string, string>; context?: Context } = {},
): Promise<Response> {
  const request = new Request(`http://localhost${path}`, { headers: { ...AUTH, ...options.headers } });
  const runtime = testRuntime(options.now === undefined ? {} : { now: () => options.now as number });
  return (door as EndpointHandler<Runtime>).serve(request, options.context ?? fakeContext(), runtime);
}
