// B1 — safety under burst: S concurrent invocations over P processes against one simulator at a low balance.
import { startKeepaSimulator } from "../dev/keepa-simulator/server.ts";
import type { RunningSimulator } from "../dev/keepa-simulator/server.ts";
import { createRedis, parseConfig } from "../src/shared/index.ts";
import { snapshotOf, TokenLedger } from "../src/tokens/index.ts";
import { runInstances } from "./lib/instances.ts";
import { benchKeepa, searchCost } from "./lib/keepa-work.ts";
import type { OutcomeKind } from "./lib/outcome.ts";
import type { Stack } from "./lib/stack.ts";
import { ratio } from "./lib/stats.ts";
import type { BenchResult, Table, TargetCheck } from "./lib/types.ts";
import { luaSummary, withLuaTimes } from "./lib/lua-time.ts";
import type { LuaTime } from "./lib/lua-time.ts";
import type { B1Design, B1Instance, B1Setup } from "./worker-b1.ts";

const S = 200;
const P = 4;
const RATE = 20;
/** Netlify's default limit for a synchronous function: no design may wait longer for tokens. */
const LIMIT_MS = 10_000;
const PRODUCTS = 20;
const COST = searchCost(PRODUCTS);

/** `invocations` over `processes` (default S over P); `scale` rows are judged on their own targets. */
type Scenario = {
  design: B1Design;
  label: string;
  balance: number;
  warm?: boolean;
  invocations?: number;
  processes?: number;
  scale?: boolean;
};
const SCALE_S = 1000;
const SCALE_P = 8;

const SCENARIOS: Scenario[] = [
  { design: "ledger", label: "ours: shared ledger, warm (real handler)", balance: 120, warm: true },
  {
    design: "ledger",
    label: "ours: shared ledger, cold (first contact: /token bootstrap inside the burst)",
    balance: 120,
  },
  { design: "in_memory", label: "(a) original: in-memory bucket, synced once", balance: 120 },
  { design: "upstash", label: "(b) @upstash/ratelimit tokenBucket", balance: 120 },
  { design: "reactive", label: "(c) no admission, retry on 429 (Python client)", balance: 120 },
  // A balance where the interactive floor costs an admission: the gap is reported, not hidden.
  { design: "ledger", label: "ours, warm, at balance 130 (floor check)", balance: 130, warm: true },
  {
    design: "ledger",
    label: `ours at scale: warm, ${SCALE_S} invocations over ${SCALE_P} processes`,
    balance: 120,
    warm: true,
    invocations: SCALE_S,
    processes: SCALE_P,
    scale: true,
  },
  {
    design: "ledger",
    label: `ours at scale: cold, ${SCALE_S} invocations over ${SCALE_P} processes`,
    balance: 120,
    invocations: SCALE_S,
    processes: SCALE_P,
    scale: true,
  },
];

/** What a deployed ledger normally is: already synced with Keepa (one free /token), before the burst arrives. */
async function primeLedger(prefix: string, keepaUrl: string): Promise<void> {
  const status = await benchKeepa(keepaUrl).tokenStatus();
  const snapshot = snapshotOf(status.envelope, status.receivedAt);
  if (!snapshot) throw new Error("simulator /token returned no envelope");
  await new TokenLedger({ redis: createRedis(parseConfig(process.env)), prefix }).sync(snapshot);
}

type Row = {
  label: string;
  design: B1Design;
  scale: boolean;
  invocations: number;
  processes: number;
  lua: LuaTime[];
  balance: number;
  counts: Record<OutcomeKind, number>;
  admitted: number;
  sim429: number;
  reasons: Record<string, number>;
  minBalance: number;
  overspend: number;
  spent: number;
  refilled: number;
  optimum: number;
  redisPerInvocation: number;
  wallMs: number;
  errors: string[];
};

async function scenario(stack: Stack, sim: RunningSimulator, sc: Scenario): Promise<Row> {
  const { design, label, balance, warm } = sc;
  const [invocations, processes] = [sc.invocations ?? S, sc.processes ?? P];
  sim.sim.reset({ balance, rate: RATE });
  const prefix = stack.prefix(`b1-${design}`);
  if (warm) await primeLedger(prefix, sim.url);
  await stack.redis.reset();
  const env = { ...stack.env, KEEPA_BASE_URL: sim.url, LEDGER_PREFIX: prefix };
  const setups: B1Setup[] = Array.from({ length: processes }, () => ({
    design,
    count: invocations / processes,
    limitMs: LIMIT_MS,
    rate: RATE,
    products: PRODUCTS,
  }));
  const started = Date.now();
  const run = () => runInstances<B1Setup, B1Instance>("worker-b1.ts", env, setups);
  const { value: instances, lua } =
    design === "ledger" ? await withLuaTimes(prefix, run) : { value: await run(), lua: [] };
  const wallMs = Date.now() - started;
  const outcomes = instances.flatMap((i) => i.outcomes);
  const counts: Record<OutcomeKind, number> = { ok: 0, refused: 0, upstream_429: 0, gave_up: 0, error: 0 };
  for (const o of outcomes) counts[o.kind] += 1;
  const reasons: Record<string, number> = {};
  for (const o of outcomes) if (o.kind === "refused" && o.detail) reasons[o.detail] = (reasons[o.detail] ?? 0) + 1;
  const state = sim.sim.state();
  // Everything the balance could truly pay for: what it held at the start plus every refill during the run.
  const optimum = Math.min(invocations, Math.floor((balance + state.refilled) / COST));
  return {
    label,
    design,
    scale: sc.scale ?? false,
    invocations,
    processes,
    lua,
    balance,
    counts,
    reasons,
    admitted: invocations - counts.refused - counts.error,
    sim429: state.rejected429,
    minBalance: state.minBalance,
    overspend: Math.max(0, -state.minBalance),
    spent: state.consumed,
    refilled: state.refilled,
    optimum,
    redisPerInvocation: (await stack.redis.counts()).roundTrips / invocations,
    wallMs,
    errors: outcomes
      .filter((o) => o.kind === "error")
      .map((o) => o.detail ?? "")
      .slice(0, 3),
  };
}

/** Judged on both balance-120 rows of ours, warm and cold: `what` names them (at 200/4, or at scale). */
function targets(warm: Row, cold: Row, what = ""): TargetCheck[] {
  const both = (f: (r: Row) => number) => `warm ${f(warm)}, cold ${f(cold)}`;
  return [
    {
      target: `ours${what}: 0 simulator 429s`,
      measured: both((r) => r.sim429),
      met: warm.sim429 + cold.sim429 === 0,
    },
    {
      target: `ours${what}: 0 overspend`,
      measured: both((r) => r.overspend),
      met: warm.overspend + cold.overspend === 0,
    },
    {
      target: `ours${what}: admissions = optimum`,
      measured: `warm ${warm.admitted} of ${warm.optimum}, cold ${cold.admitted} of ${cold.optimum}`,
      met: warm.admitted === warm.optimum && cold.admitted === cold.optimum,
      why: "refusals the balance could have paid; see the reasons in the notes",
    },
  ];
}

/** The scale rows' cost per invocation: Redis round trips, and the ledger's Lua time per call from SLOWLOG. */
function scaleTargets(warm: Row, cold: Row): TargetCheck[] {
  return [
    ...targets(warm, cold, ` at ${SCALE_S} invocations / ${SCALE_P} processes`),
    {
      target: `ours at scale: Redis round trips per invocation, ledger Lua time per call (reported)`,
      measured:
        `warm ${warm.redisPerInvocation.toFixed(2)} RTs (${luaSummary(warm.lua)}); ` +
        `cold ${cold.redisPerInvocation.toFixed(2)} RTs (${luaSummary(cold.lua)})`,
      met: true,
    },
  ];
}

/** The B1 table: every scenario's admissions against the optimum, and what it cost the store. */
function b1Table(rows: Row[]): Table {
  return {
    title:
      `${S} concurrent discover_with_scoring invocations over ${P} processes (the scale rows: ${SCALE_S} over ` +
      `${SCALE_P}); simulator balance 120 ` +
      `(rate ${RATE}/min, real clock, 40–60 ms latency); ${COST} tokens per search; ` +
      `${LIMIT_MS / 1000} s function limit`,
    columns: [
      "design",
      "invocations / processes",
      "balance",
      "admitted",
      "refused",
      "completed",
      "simulator 429s",
      "min balance",
      "overspend",
      "tokens spent",
      "optimum",
      "admitted / optimum",
      "Redis RTs / invocation",
      "ledger Lua per call (SLOWLOG)",
      "wall s",
    ],
    rows: rows.map((r) => [
      r.label,
      `${r.invocations} / ${r.processes}`,
      r.balance,
      r.admitted,
      r.counts.refused,
      r.counts.ok,
      r.sim429,
      r.minBalance,
      r.overspend,
      r.spent,
      r.optimum,
      ratio(r.admitted, r.optimum),
      r.redisPerInvocation.toFixed(2),
      luaSummary(r.lua),
      (r.wallMs / 1000).toFixed(1),
    ]),
  };
}

/** What the table's words mean, the floor's cost, and each of our scenarios' refusals by reason. */
function b1Notes(rows: Row[], floorRow: Row): string[] {
  return [
    "admitted = invocations the design let reach Keepa (for (c) every one: it has no admission); completed = " +
      "the Keepa work finished; refused = answered 429/503 without finishing (for (a), after waiting for its " +
      "in-memory bucket up to the time limit).",
    "ledger Lua per call = the time Redis spent in each ledger script (EVALSHA), from SLOWLOG with every " +
      "command logged during the scenario, only the entries under the scenario's key prefix.",
    `optimum = min(invocations, ⌊(starting balance + refills during the run) / ${COST}⌋): what the key could truly ` +
      "pay for without going negative.",
    `Ours keeps an interactive floor of 10 tokens: at balance 130 it admits ${floorRow.admitted} where the ` +
      `optimum is ${floorRow.optimum} (` +
      (floorRow.admitted < floorRow.optimum ? "the floor costs one admission whenever balance mod 31 < 10" : "no gap") +
      ").",
    ...rows
      .filter((r) => r.design === "ledger")
      .map(
        (r) =>
          `${r.label}: refusals by status and reason: ${Object.entries(r.reasons)
            .map(([k, v]) => `${k} × ${v}`)
            .join(", ")}.`,
      ),
    "Warm = the ledger already holds a synced snapshot when the burst arrives (the normal state of a " +
      "deployment); cold = nothing in Redis yet, so the burst itself must learn the balance through the " +
      "single-flight /token bootstrap (followers wait ≤ 1.5 s for it; Redis calls time out after 1.5 s and fail " +
      "closed).",
    ...rows.filter((r) => r.errors.length > 0).map((r) => `${r.label}: errors — ${r.errors.join(" | ")}`),
  ];
}

export async function benchSafety(stack: Stack): Promise<BenchResult> {
  const sim = await startKeepaSimulator({
    seed: 7,
    clock: { mode: "real" },
    latencyMs: { token: 5, query: 60, product: 40 },
  });
  const rows: Row[] = [];
  try {
    for (const s of SCENARIOS) rows.push(await scenario(stack, sim, s));
  } finally {
    await sim.close();
  }
  const [warm, cold] = rows as [Row, Row];
  const [scaleWarm, scaleCold] = rows.filter((r) => r.scale) as [Row, Row];
  return {
    id: "B1",
    title: "Safety under burst",
    tables: [b1Table(rows)],
    targets: [...targets(warm, cold), ...scaleTargets(scaleWarm, scaleCold)],
    notes: b1Notes(rows, rows[5] as Row),
    data: rows,
  };
}
