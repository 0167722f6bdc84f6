// B2 — utilization: a long run on the simulator's scaled clock with demand 3× and 10× supply, interactive and batch mixed.
import { startKeepaSimulator } from "../dev/keepa-simulator/server.ts";
import type { RunningSimulator } from "../dev/keepa-simulator/server.ts";
import { runInstances } from "./lib/instances.ts";
import { sleep } from "./lib/sleep.ts";
import type { Stack } from "./lib/stack.ts";
import type { BenchResult, Table, TargetCheck } from "./lib/types.ts";
import { luaSummary, withLuaTimes } from "./lib/lua-time.ts";
import type { LuaTime } from "./lib/lua-time.ts";
import type { B2Event, B2Instance, B2Setup } from "./worker-b2.ts";

const SCALE = 120;
const RATE = 20;
/** What one interactive action (manual_search) and one batch cost, and the interactive floor they leave. */
const SEARCH_COST = 31;
const BATCH_COST = 111;
const INTERACTIVE_FLOOR = 10;
const START_BALANCE = 600;
const DURATION_SIM_MS = 90 * 60_000;
const P = 3;
const BATCH_EVERY_SIM_MS = 10 * 60_000;
// Demand: batch 111 tokens per 10 min (11.1/min) + interactive 31 tokens × 3 instances / gap = D × 20/min in all.
const interactiveGapSimMs = (demand: number) =>
  Math.round(((SEARCH_COST * P) / (demand * RATE - BATCH_COST / 10)) * 60_000);
/** Demand as a multiple of supply, and the utilization each must reach. */
const DEMANDS = [
  { demand: 3, minUtilization: 0.97 },
  { demand: 10, minUtilization: 0.98 },
] as const;

type Row = {
  trust: boolean;
  demand: number;
  lua: LuaTime[];
  startBalance: number;
  spent: number;
  refilled: number;
  generated: number;
  utilization: number;
  endBalance: number;
  sim429: number;
  minBalance: number;
  tokenCalls: number;
  interactive: Tally;
  batch: Tally;
  interactiveRefusedDuringBatch: number;
  demandPerMin: number;
  errors: string[];
};
type Tally = { attempts: number; ok: number; refused: number; reasons: Record<string, number> };

function tally(events: B2Event[]): Tally {
  const reasons: Record<string, number> = {};
  for (const e of events) if (e.kind !== "ok") reasons[e.detail ?? e.kind] = (reasons[e.detail ?? e.kind] ?? 0) + 1;
  return {
    attempts: events.length,
    ok: events.filter((e) => e.kind === "ok").length,
    refused: events.filter((e) => e.kind === "refused").length,
    reasons,
  };
}

async function scenario(stack: Stack, sim: RunningSimulator, trust: boolean, demand: number): Promise<Row> {
  const prefix = stack.prefix(`b2-${trust ? "trust" : "default"}-${demand}x`);
  const { value, lua } = await withLuaTimes(prefix, () => window(stack, sim, trust, demand, prefix));
  return { ...value, lua };
}

async function window(
  stack: Stack,
  sim: RunningSimulator,
  trust: boolean,
  demand: number,
  prefix: string,
): Promise<Omit<Row, "lua">> {
  sim.sim.reset({ balance: START_BALANCE, rate: RATE });
  const env = { ...stack.env, KEEPA_BASE_URL: sim.url, LEDGER_PREFIX: prefix };
  const realStart = Date.now() + 5000; // workers load their modules meanwhile; the clock anchor is shared
  const simStart = sim.sim.state().now + (realStart - Date.now()) * SCALE;
  const setups: B2Setup[] = Array.from({ length: P }, (_, index) => ({
    index,
    simStart,
    realStart,
    scale: SCALE,
    durationSimMs: DURATION_SIM_MS,
    interactiveGapSimMs: interactiveGapSimMs(demand),
    batchEverySimMs: index === 0 ? BATCH_EVERY_SIM_MS : null,
    trustProjectedRefills: trust,
    seed: 1000 + index,
  }));
  const running = runInstances<B2Setup, B2Instance>("worker-b2.ts", env, setups);
  // The window is [start, start + duration]: refills outside it (module load, the in-flight tail) had no demand.
  await sleep(realStart - Date.now());
  const first = sim.sim.state();
  await sleep(realStart + DURATION_SIM_MS / SCALE - Date.now());
  const windowEnd = sim.sim.state();
  const events = (await running).flatMap((i) => i.events);
  const state = sim.sim.state();
  const refilled = windowEnd.refilled - first.refilled;
  const spent = state.consumed - first.consumed;
  const batches = events.filter((e) => e.cls === "batch" && e.kind === "ok");
  const interactive = events.filter((e) => e.cls === "interactive");
  const duringBatch = interactive.filter(
    (e) => e.kind === "refused" && batches.some((b) => e.start >= b.start && e.start <= b.end),
  ).length;
  const generated = first.balance + refilled;
  return {
    trust,
    demand,
    startBalance: first.balance,
    spent,
    refilled,
    generated,
    utilization: spent / generated,
    endBalance: state.balance,
    sim429: state.rejected429,
    minBalance: state.minBalance,
    tokenCalls: sim.sim.getLog().filter((e) => e.endpoint === "token").length,
    interactive: tally(interactive),
    batch: tally(events.filter((e) => e.cls === "batch")),
    interactiveRefusedDuringBatch: duringBatch,
    demandPerMin:
      (SEARCH_COST * interactive.length + BATCH_COST * (events.length - interactive.length)) /
      (DURATION_SIM_MS / 60_000),
    errors: events
      .filter((e) => e.kind === "error")
      .map((e) => e.detail ?? "")
      .slice(0, 3),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const reasons = (t: Tally) =>
  Object.entries(t.reasons)
    .map(([k, v]) => `${k} × ${v}`)
    .join(", ") || "–";

/** Utilization, upstream 429s and overspend per row; the Lua time per call at 10× reported. */
function b2Targets(rows: Row[]): TargetCheck[] {
  const targets: TargetCheck[] = rows.flatMap((r) => {
    const name = `${r.demand}× demand, ${r.trust ? "trustProjectedRefills: true" : "default (trustProjectedRefills: false)"}`;
    const min = DEMANDS.find((d) => d.demand === r.demand)?.minUtilization ?? 1;
    return [
      {
        target: `≥ ${(100 * min).toFixed(0)} % utilization — ${name}`,
        measured: pct(r.utilization),
        met: r.utilization >= min,
        why: "tokens left unspent at the end; see notes",
      },
      { target: `0 upstream 429s — ${name}`, measured: String(r.sim429), met: r.sim429 === 0 },
      { target: `0 overspend — ${name}`, measured: String(Math.max(0, -r.minBalance)), met: r.minBalance >= 0 },
    ];
  });
  targets.push({
    target: "ledger Lua time per call at 10× demand (reported, from SLOWLOG)",
    measured: rows
      .filter((r) => r.demand === 10)
      .map((r) => `${r.trust ? "trust" : "default"}: ${luaSummary(r.lua)}`)
      .join("; "),
    met: true,
  });
  return targets;
}

/** The B2 table: demand, what was spent of what was generated, and who was refused why. */
function b2Table(rows: Row[]): Table {
  return {
    title:
      `${DURATION_SIM_MS / 60_000} simulated minutes at ${SCALE}× (${DURATION_SIM_MS / SCALE / 1000} s real), ` +
      `${P} processes, rate ${RATE}/min, balance ${START_BALANCE} at reset (plus the ticks while the processes ` +
      "load); interactive = manual_search (31 tokens), batch = auto_sourcing-like (111 tokens, class batch) " +
      `every ${BATCH_EVERY_SIM_MS / 60_000} min`,
    columns: [
      "ledger setting",
      "demand",
      "demand tokens/min",
      "balance at window start",
      "tokens spent",
      "tokens generated (balance at start + refills in the window)",
      "utilization",
      "end balance",
      "upstream 429s",
      "min balance",
      "free /token calls",
      "interactive ok / attempts",
      "interactive refusals (reason × n)",
      "interactive refused while a batch ran",
      "batch ok / attempts",
      "batch refusals",
      "ledger Lua per call (SLOWLOG)",
    ],
    rows: rows.map((r) => [
      r.trust ? "trustProjectedRefills: true" : "default: trustProjectedRefills false",
      `${r.demand}×`,
      r.demandPerMin.toFixed(1),
      r.startBalance,
      r.spent,
      r.generated,
      pct(r.utilization),
      r.endBalance,
      r.sim429,
      r.minBalance,
      r.tokenCalls,
      `${r.interactive.ok} / ${r.interactive.attempts}`,
      reasons(r.interactive),
      r.interactiveRefusedDuringBatch,
      `${r.batch.ok} / ${r.batch.attempts}`,
      reasons(r.batch),
      luaSummary(r.lua),
    ]),
  };
}

/** What utilization counts, and why batches are refused by design. */
function b2Notes(rows: Row[]): string[] {
  return [
    "utilization = tokens Keepa charged for the actions started in the window ÷ (the balance when the window " +
      "opened + every refill tick inside the window). Refills before the window (while the processes load) and " +
      "after it (no demand) are not counted; the end balance includes the ticks after the window.",
    "The ledger, the admission, the budget and the Keepa client run on the simulator's scaled clock (`now` " +
      "injected), derived in every process from one shared real start and the scale.",
    `A batch needs the batch reserve (25 % of capacity = ${Math.ceil(0.25 * 60 * RATE)} tokens) left after it, ` +
      "so under sustained interactive demand it runs only when the balance is high (here: at the start); its " +
      "refusals are class_floor/insufficient by design.",
    "The default (trustProjectedRefills: false) spends only balances Keepa confirmed after the latest refill " +
      "tick: a tick since the last snapshot makes the next admission learn the balance through one free /token.",
    packingNote(rows),
    ...rows
      .filter((r) => r.errors.length > 0)
      .map((r) => `errors (${r.demand}×, trust ${r.trust}): ${r.errors.join(" | ")}`),
  ];
}

/**
 * What whole actions can spend at most: the window closes right after its last refill tick (nobody can spend that
 * tick in time, whatever the design) and interactive admissions leave the floor, so the batch decides the packing.
 */
function packingNote(rows: Row[]): string {
  const generated = rows[0]?.generated ?? 0;
  const spendable = generated - RATE - INTERACTIVE_FLOOR;
  const alone = Math.floor(spendable / SEARCH_COST);
  const withBatch = Math.floor((spendable - BATCH_COST) / SEARCH_COST);
  const pctOf = (tokens: number) => pct(tokens / generated);
  return (
    `Packing: the window's last refill tick lands at its close, and interactive actions leave the 10-token floor, so ` +
    `at most ${spendable} of ${generated} tokens can go to whole actions: ${alone} searches alone ` +
    `(${alone * SEARCH_COST}, ${pctOf(alone * SEARCH_COST)}), or the first batch and ${withBatch} searches ` +
    `(${withBatch * SEARCH_COST + BATCH_COST}, ${pctOf(withBatch * SEARCH_COST + BATCH_COST)}). ` +
    "The 98 % at 10× needs the batch admitted at the " +
    "start, when the ledger is still learning the balance and every instance's arrivals compete for it."
  );
}

export async function benchUtilization(stack: Stack): Promise<BenchResult> {
  const sim = await startKeepaSimulator({
    seed: 7,
    clock: { mode: "scaled", scale: SCALE },
    latencyMs: { token: 50, query: 600, product: 400 },
  });
  const rows: Row[] = [];
  try {
    for (const { demand } of DEMANDS)
      for (const trust of [false, true]) rows.push(await scenario(stack, sim, trust, demand));
  } finally {
    await sim.close();
  }
  return {
    id: "B2",
    title: "Utilization under 3× and 10× demand",
    tables: [b2Table(rows)],
    targets: b2Targets(rows),
    notes: b2Notes(rows),
    data: rows,
  };
}
