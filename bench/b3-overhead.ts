// B3 — overhead: latency and Redis round trips the guard adds, against no guard and against @upstash/ratelimit.
import { performance } from "node:perf_hooks";
import { startKeepaSimulator } from "../dev/keepa-simulator/server.ts";
import productsDiscoverWithScoring from "../netlify/functions/products-discover-with-scoring.mts";
import { LOCAL_API_KEY, runtimeFromEnv } from "../src/app/index.ts";
import type { NetlifyHandler, Runtime } from "../src/app/index.ts";
import type { KeepaClient } from "../src/keepa/index.ts";
import { DETAIL_STATS_DAYS } from "../src/sourcing/index.ts";
import { withReservation } from "../src/tokens/index.ts";
import { fakeContext } from "../test/helpers/context.ts";
import { upstashBucket } from "./baselines/upstash-bucket.ts";
import { unguardedDiscover } from "./baselines/unguarded-handler.ts";
import { SEARCH_BODY } from "./lib/keepa-work.ts";
import type { Stack } from "./lib/stack.ts";
import { useScenario } from "./lib/stack.ts";
import { percentile, ratio } from "./lib/stats.ts";
import type { BenchResult, Table, TargetCheck } from "./lib/types.ts";

/**
 * `run` is timed: the request up to its response. `after` is what the instance still does after the response
 * (Netlify's waitUntil: the settle, the activity row) before it takes the next request; untimed, never overlapped.
 */
type Variant = { name: string; run: () => Promise<void>; after?: () => Promise<void> };
type Counts = { roundTrips: number; pathRoundTrips: number; commands: Record<string, number> };
type Measured = { name: string; p50: number; p99: number } & Counts;

const LEVEL1 = { iterations: 300, warmup: 30 };
const LEVEL2 = { iterations: 60, warmup: 6 };
const RT_SAMPLE = 20;

/** Interleaved round-robin, so load from anything else on the machine hits every variant alike. */
async function timeVariants(
  variants: Variant[],
  { iterations, warmup }: { iterations: number; warmup: number },
): Promise<Map<string, number[]>> {
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let i = 0; i < warmup + iterations; i++) {
    for (const v of variants) {
      const t0 = performance.now();
      await v.run();
      if (i >= warmup) samples.get(v.name)!.push(performance.now() - t0);
      await v.after?.();
    }
  }
  return samples;
}

/**
 * Requests this process started to the Upstash REST URL, and how many had started when the latest response was in
 * hand (`markResponse`, called by each variant the moment it has its answer): the user's path, whatever is deferred.
 */
const redisFetches = { started: 0, atResponse: 0 };
const markResponse = () => void (redisFetches.atResponse = redisFetches.started);

function countRedisFetches(url: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const target = input instanceof Request ? input.url : String(input);
    if (target.startsWith(url)) redisFetches.started += 1;
    return original(input, init);
  };
  return () => void (globalThis.fetch = original);
}

/** Round trips per action in all (counted at the bridge), and those started before the response (in process). */
async function countRoundTrips(stack: Stack, variant: Variant): Promise<Counts> {
  await stack.redis.reset();
  let path = 0;
  for (let i = 0; i < RT_SAMPLE; i++) {
    const before = redisFetches.started;
    await variant.run();
    path += redisFetches.atResponse - before;
    await variant.after?.();
  }
  const counts = await stack.redis.counts();
  const commands = Object.fromEntries(Object.entries(counts.commands).map(([k, v]) => [k, v / RT_SAMPLE]));
  return { roundTrips: counts.roundTrips / RT_SAMPLE, pathRoundTrips: path / RT_SAMPLE, commands };
}

async function measure(
  stack: Stack,
  variants: Variant[],
  plan: { iterations: number; warmup: number },
): Promise<Measured[]> {
  const samples = await timeVariants(variants, plan);
  const out: Measured[] = [];
  for (const v of variants) {
    const s = samples.get(v.name)!;
    out.push({ name: v.name, p50: percentile(s, 50), p99: percentile(s, 99), ...(await countRoundTrips(stack, v)) });
  }
  return out;
}

function guardVariants(stack: Stack, asin: string): Variant[] {
  const runtime = runtimeFromEnv();
  const plain = runtime.keepa();
  const lookup = (client: KeepaClient = plain) =>
    client.products({ domain: 1, asins: [asin], stats: DETAIL_STATS_DAYS, history: false });
  const limiter = upstashBucket(
    stack.env.UPSTASH_REDIS_REST_URL!,
    stack.env.UPSTASH_REDIS_REST_TOKEN!,
    `${process.env.LEDGER_PREFIX}:rl`,
    10_000,
  );
  return [
    { name: "unguarded", run: async () => void (await lookup(), markResponse()) },
    {
      name: "@upstash/ratelimit limit()",
      run: async () => {
        if (!(await limiter.limit("keepa", { rate: 1 })).success) throw new Error("upstash refused");
        await lookup();
        markResponse();
      },
    },
    oursAlone(runtime, lookup),
  ];
}

/** The ledger's one reservation primitive as the guard runs it: admit, a metered client, the settle after. */
function oursAlone(runtime: Runtime, lookup: (client: KeepaClient) => Promise<unknown>): Variant {
  const request = { action: "product_lookup", cost: 1, class: "interactive", leaseMs: 60_000, holder: "b3" } as const;
  let settles: (() => Promise<unknown>)[] = [];
  const deps = {
    ledger: runtime.ledger,
    keepaForSync: () => runtime.keepa(),
    afterResponse: (task: () => Promise<unknown>) => void settles.push(task),
  };
  return {
    name: "ours: admit + budget (settle after the response)",
    run: async () => {
      const spent = await withReservation(deps, request, (budget) => lookup(runtime.keepa({ meter: budget })));
      markResponse();
      if (spent.reason === "denied") throw new Error(`ledger refused: ${spent.denial.reason}`);
      if (spent.reason === "failed") throw spent.error;
    },
    after: async () => {
      const due = settles;
      settles = [];
      await Promise.all(due.map((task) => task()));
    },
  };
}

function handlerVariants(stack: Stack): Variant[] {
  const limiter = upstashBucket(
    stack.env.UPSTASH_REDIS_REST_URL!,
    stack.env.UPSTASH_REDIS_REST_TOKEN!,
    `${process.env.LEDGER_PREFIX}:rl2`,
    10_000,
  );
  const call = (name: string, handler: NetlifyHandler): Variant => {
    let context = fakeContext();
    return {
      name,
      run: async () => {
        const request = new Request("http://localhost/api/v1/products/discover_with_scoring", {
          method: "POST",
          headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify(SEARCH_BODY),
        });
        context = fakeContext();
        const response = await handler(request, context);
        markResponse();
        if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      },
      after: () => context.settled(),
    };
  };
  return [
    call("unguarded handler", unguardedDiscover()),
    call(
      "handler + @upstash/ratelimit",
      unguardedDiscover(async (cost) => (await limiter.limit("keepa", { rate: cost })).success),
    ),
    call("ours: the real handler (guard)", productsDiscoverWithScoring),
  ];
}

function table(title: string, rows: Measured[]): Table {
  const [base, upstash] = rows as [Measured, Measured];
  return {
    title,
    columns: [
      "variant",
      "p50 ms",
      "p99 ms",
      "added p50 ms",
      "added p99 ms",
      "p50 / @upstash",
      "added p50 / @upstash's added",
      "p99 / @upstash",
      "Redis RTs before the response",
      "Redis RTs / action",
      "commands / action",
    ],
    rows: rows.map((r) => [
      r.name,
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      (r.p50 - base.p50).toFixed(2),
      (r.p99 - base.p99).toFixed(2),
      ratio(r.p50, upstash.p50),
      ratio(r.p50 - base.p50, upstash.p50 - base.p50),
      ratio(r.p99, upstash.p99),
      r.pathRoundTrips.toFixed(2),
      r.roundTrips.toFixed(2),
      Object.entries(r.commands)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(", ") || "–",
    ]),
  };
}

const ledgerCommands = (m: Measured) =>
  Object.entries(m.commands)
    .filter(([k]) => k.startsWith("ledger:"))
    .reduce((a, [, v]) => a + v, 0);

function targets(level1: Measured[], level2: Measured[]): TargetCheck[] {
  const [, u1, o1] = level1 as [Measured, Measured, Measured];
  const [, u2, o2] = level2 as [Measured, Measured, Measured];
  return [
    {
      target: "≤ 1 Redis round trip before the response (guard alone)",
      measured: o1.pathRoundTrips.toFixed(2),
      met: o1.pathRoundTrips <= 1,
      why: "a refill tick made the ledger resync on the path (free /token, bootstrap lock, status)",
    },
    {
      target: "≤ 2 Redis round trips per action in all (guard alone)",
      measured: o1.roundTrips.toFixed(2),
      met: o1.roundTrips <= 2,
      why: "a refill tick made the ledger resync (free /token, bootstrap lock, status)",
    },
    {
      target: "≤ 2 ledger script calls per action (real handler)",
      measured: ledgerCommands(o2).toFixed(2),
      met: ledgerCommands(o2) <= 2,
    },
    {
      target: "p50 ≤ 1.1× @upstash/ratelimit limit() (guard around a 1-token lookup)",
      measured: ratio(o1.p50, u1.p50),
      met: o1.p50 <= 1.1 * u1.p50,
      why: "see notes",
    },
    {
      target: "p50 ≤ 1.2× @upstash/ratelimit (discover_with_scoring handler)",
      measured: ratio(o2.p50, u2.p50),
      met: o2.p50 <= 1.2 * u2.p50,
    },
    {
      target: "p99 ≤ 1.3× the handler with @upstash/ratelimit (discover_with_scoring)",
      measured: `${ratio(o2.p99, u2.p99)} (${o2.p99.toFixed(1)} ms against ${u2.p99.toFixed(1)} ms)`,
      met: o2.p99 <= 1.3 * u2.p99,
      why: "see notes",
    },
  ];
}

export async function benchOverhead(stack: Stack): Promise<BenchResult> {
  const sim = await startKeepaSimulator({ seed: 7, clock: { mode: "real" } });
  sim.sim.reset({ rate: 10_000 }); // plenty: B3 measures time, not scarcity
  useScenario(sim.url, stack.prefix("b3"));
  let level1: Measured[];
  let level2: Measured[];
  try {
    const asin = (
      await runtimeFromEnv()
        .keepa()
        .query({ domain: 1, selection: { rootCategory: 283155, perPage: 50 } })
    ).asinList[0]!;
    const restoreFetch = countRedisFetches(stack.env.UPSTASH_REDIS_REST_URL!);
    try {
      level1 = await measure(stack, guardVariants(stack, asin), LEVEL1);
      level2 = await measure(stack, handlerVariants(stack), LEVEL2);
    } finally {
      restoreFetch();
    }
  } finally {
    await sim.close();
  }
  return {
    id: "B3",
    title: "Overhead per guarded request",
    tables: [
      table(
        `Guard alone around one 1-token /product lookup — ${LEVEL1.iterations} interleaved iterations each, ` +
          "simulator with no latency, Redis through the Upstash REST bridge",
        level1,
      ),
      table(
        `discover_with_scoring (31 tokens, force_refresh) — ${LEVEL2.iterations} interleaved iterations each`,
        level2,
      ),
    ],
    targets: targets(level1, level2),
    notes: [
      "added = the variant's percentile minus the unguarded one's. Round trips = HTTP requests the Upstash " +
        "client made (counted at the bridge over a separate pass of 20 actions); before the response = those " +
        "started by the time the variant had its answer (counted in process); commands = what they carried " +
        "(@upstash/redis pipelines concurrent commands into one request).",
      "Ours settles (charge + release, one script call) after the response, as the guard does through Netlify's " +
        "waitUntil: a request waits for one ledger round trip (reserve), like @upstash/ratelimit's limit(), and the " +
        "settle runs before the instance takes its next request (the `after` step, untimed). Until it lands the " +
        "whole reservation stays held; if it never lands the 60 s lease charges the whole estimate.",
      "The real handler's other commands are the product/discovery cache writes and the dashboard's activity " +
        "list (written through waitUntil, after the response).",
    ],
    data: { level1, level2 },
  };
}
