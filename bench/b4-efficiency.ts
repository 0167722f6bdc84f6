// B4 — token efficiency: tokens per scored product, cold (empty cache) and warm (the same request again).
import { startKeepaSimulator } from "../dev/keepa-simulator/server.ts";
import type { RunningSimulator } from "../dev/keepa-simulator/server.ts";
import nichesDiscover from "../netlify/functions/niches-discover.mts";
import productsDiscoverWithScoring from "../netlify/functions/products-discover-with-scoring.mts";
import { LOCAL_API_KEY } from "../src/app/index.ts";
import type { NetlifyHandler } from "../src/app/index.ts";
import { fakeContext } from "../test/helpers/context.ts";
import { createProfile, runOneJob } from "./lib/autosourcing-job.ts";
import type { Stack } from "./lib/stack.ts";
import { useScenario } from "./lib/stack.ts";
import type { BenchResult, TargetCheck } from "./lib/types.ts";

/** One run: what Keepa charged, how many products came out scored, and what was reserved. */
type Run = { spent: number; products: number; reserved: number; note: string };
type Case = {
  name: string;
  env?: Record<string, string>;
  prepare?: () => Promise<unknown>;
  run: (prepared: unknown) => Promise<Omit<Run, "spent">>;
};
type Row = { name: string; cold?: Run; warm?: Run; error?: string };

type Tokens = { reserved?: number; productsFetched?: number; cacheHits?: { products?: number } };

function httpCase(
  name: string,
  handler: NetlifyHandler,
  path: string,
  body: Record<string, unknown>,
  env?: Record<string, string>,
): Case {
  return {
    name,
    ...(env ? { env } : {}),
    run: async () => {
      const request = new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const response = await handler(request, fakeContext());
      const json = (await response.json()) as { tokens?: Tokens; detail?: string };
      if (response.status !== 200) throw new Error(`${response.status}: ${json.detail ?? ""}`);
      const t = json.tokens ?? {};
      return { products: (t.productsFetched ?? 0) + (t.cacheHits?.products ?? 0), reserved: t.reserved ?? 0, note: "" };
    },
  };
}

const SEARCH = {
  category: "medical",
  bsr_min: 20_000,
  bsr_max: 300_000,
  price_min: 30,
  price_max: 200,
  strategy: "textbooks",
};
const CASES: Case[] = [
  httpCase(
    "discover_with_scoring, max_results 20 (default budget 31)",
    productsDiscoverWithScoring,
    "/api/v1/products/discover_with_scoring",
    { ...SEARCH, max_results: 20 },
  ),
  httpCase(
    "discover_with_scoring, max_results 100 (budget override 111)",
    productsDiscoverWithScoring,
    "/api/v1/products/discover_with_scoring",
    { max_results: 100 },
    { TOKEN_COSTS_OVERRIDE: JSON.stringify({ manual_search: { cost: 111 } }) },
  ),
  httpCase("surprise_me, count 3 (budget 50)", nichesDiscover, "/api/v1/niches/discover", { count: 3, seed: 42 }),
  {
    name: "AutoSourcing job, maxResults 100 (budget 200)",
    prepare: createProfile,
    run: async (profileId) => {
      const job = await runOneJob(profileId as string);
      return {
        products: job.tested,
        reserved: job.reserved,
        note: `${job.status}${job.reason ? `: ${job.reason}` : ""}`,
      };
    },
  },
];

async function measured(sim: RunningSimulator, run: () => Promise<Omit<Run, "spent">>): Promise<Run> {
  const before = sim.sim.state().consumed;
  const result = await run();
  return { ...result, spent: sim.sim.state().consumed - before };
}

async function runCase(stack: Stack, sim: RunningSimulator, c: Case): Promise<Row> {
  sim.sim.reset({ rate: 20 });
  useScenario(sim.url, stack.prefix("b4"), { TOKEN_COSTS_OVERRIDE: c.env?.TOKEN_COSTS_OVERRIDE });
  try {
    const prepared = c.prepare ? await c.prepare() : undefined;
    const cold = await measured(sim, () => c.run(prepared));
    const warm = await measured(sim, () => c.run(prepared));
    return { name: c.name, cold, warm };
  } catch (error) {
    return { name: c.name, error: error instanceof Error ? error.message : String(error) };
  }
}

const perProduct = (r: Run | undefined) => (r && r.products > 0 ? r.spent / r.products : Number.NaN);
const fmt = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(2));

function targets(rows: Row[]): TargetCheck[] {
  return rows.flatMap((r) => {
    if (r.error)
      return [{ target: `${r.name}: runs`, measured: r.error, met: false, why: "the case failed (see notes)" }];
    const cold = perProduct(r.cold);
    return [
      {
        target: `${r.name}: ≤ 1.2 tokens/product cold`,
        measured: fmt(cold),
        met: cold <= 1.2,
        why: "the 11-token Product Finder page is spread over too few products; see notes",
      },
      { target: `${r.name}: 0 tokens warm`, measured: String(r.warm?.spent), met: r.warm?.spent === 0 },
    ];
  });
}

export async function benchEfficiency(stack: Stack): Promise<BenchResult> {
  const sim = await startKeepaSimulator({ seed: 7, clock: { mode: "real" } });
  const rows: Row[] = [];
  try {
    for (const c of CASES) rows.push(await runCase(stack, sim, c));
  } finally {
    await sim.close();
    useScenario(sim.url, stack.prefix("b4-done"), { TOKEN_COSTS_OVERRIDE: undefined });
  }
  const cells = (r: Run | undefined) =>
    r ? [r.reserved, r.spent, r.products, fmt(perProduct(r))] : ["–", "–", "–", "–"];
  return {
    id: "B4",
    title: "Token efficiency",
    tables: [
      {
        title:
          "Tokens Keepa charged (simulator) per product scored; cold = empty cache (fresh key prefix), warm = " +
          "the same request right after",
        columns: [
          "action",
          "cold reserved",
          "cold spent",
          "cold products",
          "cold tokens/product",
          "warm reserved",
          "warm spent",
          "warm products",
          "warm tokens/product",
          "note",
        ],
        rows: rows.map((r) => [r.name, ...cells(r.cold), ...cells(r.warm), r.error ?? r.cold?.note ?? ""]),
      },
    ],
    targets: targets(rows),
    notes: [
      "A Product Finder page costs 11 tokens whatever its size (≤ 100 results), then 1 token per product: cold " +
        "tokens/product = 11/n + 1, so 1.2 needs n ≥ 55 products per discovery page. max_results 20 (the default " +
        "budget of 31) cannot reach it: 31/20 = 1.55. surprise_me spends a page per niche for 5 products each (3 × " +
        "11 + 15 = 48 for 15 products).",
      "products = products scored = bought (productsFetched) + served from the product cache; for AutoSourcing, " +
        "the job's tested count.",
    ],
    data: rows,
  };
}
