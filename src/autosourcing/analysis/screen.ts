import { normalizeProduct } from "../../keepa/index.ts";
import type { Condition, NormalizedProduct, ProductsResult } from "../../keepa/index.ts";
import { DETAIL_STATS_DAYS, fetchDetails, recordCut, scoredView } from "../../sourcing/index.ts";
import type { CostModel, Cuts, ScoredProductView, SourcingCache, SourcingRuntime } from "../../sourcing/index.ts";
import type { AnalysisEconomics } from "./types.ts";

/**
 * Screening a list (docs/analysis.md#screening-only): each identifier is one `/product` with stats and no offers, 1 token,
 * or 0 when the product cache holds it. A 979 ISBN-13 has no ASIN: it is asked for as a code limited to one product
 * (also 1 token), and its ASIN is cached with the product, so a repeat is free too. No live offers are bought: a
 * batch only screens.
 */

/** One identifier to screen, with the economics of its row. */
export type ScreenRow = {
  row: number;
  key: string;
  kind: "asin" | "isbn13" | "code";
  costCents: number | null;
  sellCondition: Condition;
};

/** What the caches answer before anything is reserved; `cost` is exactly the tokens the rest needs. */
export type ScreenPlan = {
  cached: Map<string, NormalizedProduct>;
  /** ASINs to buy (a code whose ASIN is cached but whose product expired is bought by ASIN). */
  asins: string[];
  /** 979 codes to buy, each limited to one product. */
  codes: string[];
  /** Code → ASIN, from the code cache. */
  resolved: Map<string, string>;
  cost: number;
};

export type ScreenResult =
  | { status: "found" | "not_found"; product: NormalizedProduct | undefined; source: "cache" | "keepa" }
  | { status: "unscreened"; reason: string };

/** The product cache's answer for `rows` (Redis reads only, 0 tokens). */
export async function planScreen(
  cache: SourcingCache,
  domain: number,
  rows: readonly Pick<ScreenRow, "key" | "kind">[],
): Promise<ScreenPlan> {
  const resolved = new Map<string, string>();
  const codes = rows.filter((r) => r.kind === "code").map((r) => r.key);
  const known = await Promise.all(codes.map((code) => cache.getCodeAsin(domain, code)));
  codes.forEach((code, i) => {
    const asin = known[i];
    if (asin !== undefined) resolved.set(code, asin);
  });
  const asinOf = (row: Pick<ScreenRow, "key" | "kind">) => (row.kind === "code" ? resolved.get(row.key) : row.key);
  const wanted = [...new Set(rows.map(asinOf).filter((a): a is string => a !== undefined))];
  const products = wanted.length === 0 ? new Map<string, NormalizedProduct>() : await cache.getProducts(domain, wanted);
  const cached = new Map<string, NormalizedProduct>();
  const asins: string[] = [];
  const toBuy: string[] = [];
  for (const row of rows) {
    const asin = asinOf(row);
    const hit = asin === undefined ? undefined : products.get(asin);
    if (hit) cached.set(row.key, hit);
    else if (asin !== undefined) asins.push(asin);
    else toBuy.push(row.key);
  }
  const uniqueAsins = [...new Set(asins)];
  return { cached, asins: uniqueAsins, codes: toBuy, resolved, cost: uniqueAsins.length + toBuy.length };
}

/** The plan with only its first `tokens` purchases (ASINs first): a chunk shrunk to what the ledger can give. */
export function shrinkPlan(plan: ScreenPlan, tokens: number): ScreenPlan {
  const asins = plan.asins.slice(0, tokens);
  const codes = plan.codes.slice(0, Math.max(0, tokens - asins.length));
  return { ...plan, asins, codes, cost: asins.length + codes.length };
}

const cutText = (cuts: Cuts): string =>
  cuts.notes
    .map((c) => `${c.reason} at ${c.step}: ${c.detail}`)
    .join("; ")
    .slice(0, 500);

/** Codes → their product, matched by the code in the product's EAN/UPC list; both cached. */
async function fetchCodes(
  runtime: SourcingRuntime,
  codes: readonly string[],
  cuts: Cuts,
): Promise<Map<string, NormalizedProduct>> {
  const out = new Map<string, NormalizedProduct>();
  if (codes.length === 0) return out;
  let result: ProductsResult | undefined;
  try {
    result = await runtime.keepa.products({
      domain: runtime.domain,
      codes,
      codeLimit: 1,
      stats: DETAIL_STATS_DAYS,
      history: false,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (!recordCut(cuts, error, { step: "details", detail })) throw error;
    result = (error as { partial?: ProductsResult }).partial;
  }
  const now = (runtime.now ?? Date.now)();
  const wanted = new Set(codes);
  for (const raw of result?.products ?? []) {
    const product = normalizeProduct(raw, { now });
    for (const code of product.codes) if (wanted.has(code) && !out.has(code)) out.set(code, product);
  }
  await runtime.cache.putProducts(runtime.domain, [...new Set(out.values())]);
  for (const [code, product] of out) await runtime.cache.putCodeAsin(runtime.domain, code, product.asin);
  return out;
}

export type ScreenOutcome = {
  results: Map<string, ScreenResult>;
  cuts: Cuts;
  /** Products bought from Keepa. */
  fetched: number;
};

/**
 * Buys what the plan says on the metered client (each request admitted by the reservation's budget first) and
 * answers every row: found / not_found, or unscreened when a cut (budget, deadline, Keepa failing) left it out —
 * never guessed. A Keepa 429 or an error that is not a cut is thrown.
 */
export async function runScreen(
  runtime: SourcingRuntime,
  plan: ScreenPlan,
  rows: readonly Pick<ScreenRow, "key" | "kind">[],
): Promise<ScreenOutcome> {
  const cuts: Cuts = { notes: [], failures: [] };
  const byAsin = plan.asins.length > 0 ? await fetchDetails(runtime, plan.asins, cuts) : new Map();
  const asinsCut = cuts.notes.length > 0;
  const noted = cuts.notes.length;
  const byCode = await fetchCodes(runtime, plan.codes, cuts);
  const codesCut = cuts.notes.length > noted;
  const buying = { asins: new Set(plan.asins), codes: new Set(plan.codes) };
  const results = new Map<string, ScreenResult>();
  const unscreened = (): ScreenResult => ({
    status: "unscreened",
    reason: cuts.notes.length > 0 ? `not screened: ${cutText(cuts)}` : "not screened: the chunk's budget ran out",
  });
  for (const row of rows) {
    const hit = plan.cached.get(row.key);
    if (hit) {
      results.set(row.key, { status: verdict(hit), product: hit, source: "cache" });
      continue;
    }
    const asin = row.kind === "code" ? plan.resolved.get(row.key) : row.key;
    if (asin !== undefined && buying.asins.has(asin)) {
      const product = byAsin.get(asin);
      if (product) results.set(row.key, { status: verdict(product), product, source: "keepa" });
      else results.set(row.key, asinsCut ? unscreened() : { status: "not_found", product: undefined, source: "keepa" });
      continue;
    }
    if (row.kind === "code" && asin === undefined && buying.codes.has(row.key)) {
      const product = byCode.get(row.key);
      if (product) results.set(row.key, { status: verdict(product), product, source: "keepa" });
      else results.set(row.key, codesCut ? unscreened() : { status: "not_found", product: undefined, source: "keepa" });
      continue;
    }
    results.set(row.key, unscreened());
  }
  return { results, cuts, fetched: byAsin.size + new Set(byCode.values()).size };
}

const verdict = (product: NormalizedProduct): "found" | "not_found" =>
  product.dataQuality === "unavailable" ? "not_found" : "found";

/** A row's cost model: its own cost as a one-item list, else the list's model. */
export function rowCostModel(
  row: Pick<ScreenRow, "key" | "costCents">,
  economics: AnalysisEconomics,
): CostModel | undefined {
  return row.costCents === null ? economics.costModel : { model: "perItem", items: { [row.key]: row.costCents } };
}

/** What a screened row becomes: its status and reason, and the product scored with the row's economics. */
export type RowVerdict = {
  status: "found" | "not_found" | "skipped_budget";
  reason: string | null;
  source: "cache" | "keepa" | null;
  asin: string | null;
  product: ScoredProductView | null;
};

export function rowVerdict(row: ScreenRow, result: ScreenResult, economics: AnalysisEconomics): RowVerdict {
  if (result.status === "unscreened")
    return { status: "skipped_budget", reason: result.reason, source: null, asin: null, product: null };
  const { product } = result;
  if (result.status === "not_found")
    return {
      status: "not_found",
      reason: product?.warnings[0] ?? "Keepa returned no product for this identifier",
      source: result.source,
      asin: product?.asin ?? null,
      product: null,
    };
  const scored = scoredView(product as NormalizedProduct, {
    strategy: economics.strategy,
    sellCondition: row.sellCondition,
    costModel: rowCostModel(row, economics),
  });
  return { status: "found", reason: null, source: result.source, asin: scored.asin, product: scored };
}
