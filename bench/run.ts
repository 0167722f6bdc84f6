// `npm run bench [-- B1 B3 …]`: runs the selected benchmarks (all by default) one after another and writes
// bench/results/<date>.json, <date>.md and latest.md. Loopback only; every loop is bounded.
import os from "node:os";
import { benchSafety } from "./b1-safety.ts";
import { benchUtilization } from "./b2-utilization.ts";
import { benchOverhead } from "./b3-overhead.ts";
import { benchEfficiency } from "./b4-efficiency.ts";
import { benchColdStart } from "./b5-cold-start.ts";
import { machine, renderMarkdown, writeResults } from "./lib/report.ts";
import { startStack } from "./lib/stack.ts";
import type { Stack } from "./lib/stack.ts";
import type { BenchId, BenchResult } from "./lib/types.ts";

const BENCHES: Record<BenchId, (stack: Stack) => Promise<BenchResult>> = {
  B1: benchSafety,
  B2: benchUtilization,
  B3: benchOverhead,
  B4: benchEfficiency,
  B5: benchColdStart,
};

function selected(argv: string[]): BenchId[] {
  const asked = argv.map((a) => a.toUpperCase()).filter((a) => a !== "--");
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark(s) ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
  return asked.length === 0 ? (Object.keys(BENCHES) as BenchId[]) : (asked as BenchId[]);
}

async function main(): Promise<void> {
  const ids = selected(process.argv.slice(2));
  const startedAt = new Date();
  const box = machine();
  // Every real handler reads the scoring settings from Postgres, so each benchmark needs the database.
  const stack = await startStack(true);
  const results: BenchResult[] = [];
  try {
    for (const id of ids) {
      console.log(`bench: ${id}…`);
      const started = Date.now();
      const loadBefore = os.loadavg()[0] ?? 0;
      const result = await BENCHES[id](stack);
      result.durationMs = Date.now() - started;
      result.load = [Math.round(loadBefore * 100) / 100, Math.round((os.loadavg()[0] ?? 0) * 100) / 100];
      results.push(result);
      console.log(`bench: ${id} done in ${(result.durationMs / 1000).toFixed(1)} s`);
    }
  } finally {
    await stack.close();
  }
  const path = await writeResults(results, box, startedAt);
  console.log(renderMarkdown(startedAt.toISOString(), box, results));
  console.log(`bench: results written to ${path}`);
}

await main();
// Keep-alive sockets (fetch, ioredis) would otherwise hold the process open.
process.exit(0);
