import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchResult, Cell, Table } from "./types.ts";

export type Machine = {
  os: string;
  cpus: string;
  cores: number;
  memoryGb: number;
  node: string;
  loadAverage: number[];
};

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const cell = (value: Cell): string => String(value).replaceAll("|", "\\|");

function tableMd(table: Table): string {
  const head = `| ${table.columns.map(cell).join(" | ")} |`;
  const rule = `| ${table.columns.map(() => "---").join(" | ")} |`;
  const rows = table.rows.map((row) => `| ${row.map(cell).join(" | ")} |`);
  return [`**${table.title}**`, "", head, rule, ...rows].join("\n");
}

function resultMd(result: BenchResult): string {
  const parts = [`## ${result.id} — ${result.title}`];
  if (result.durationMs !== undefined) {
    const load = result.load
      ? `; 1-min load average ${result.load[0]} at start, ${result.load[1]} at end (2 cores)`
      : "";
    parts.push(`_ran in ${(result.durationMs / 1000).toFixed(1)} s${load}_`);
  }
  parts.push(...result.tables.map(tableMd));
  if (result.targets.length > 0) {
    parts.push(
      tableMd({
        title: "Targets",
        columns: ["target", "measured", "met"],
        rows: result.targets.map((t) => [
          t.target,
          t.measured,
          t.met ? "✅ met" : `❌ missed — ${t.why ?? "see notes"}`,
        ]),
      }),
    );
  }
  if (result.notes.length > 0) parts.push(result.notes.map((n) => `- ${n}`).join("\n"));
  return parts.join("\n\n");
}

export function renderMarkdown(date: string, box: Machine, results: BenchResult[]): string {
  const summary: Table = {
    title: "Summary of targets",
    columns: ["bench", "target", "measured", "met"],
    rows: results.flatMap((r) => r.targets.map((t) => [r.id, t.target, t.measured, t.met ? "✅" : "❌"])),
  };
  const header = [
    `# ArbitrageVault benchmarks — ${date}`,
    `Machine: ${box.os}, ${box.cores} × ${box.cpus}, ${box.memoryGb} GB, Node ${box.node}, load average at start ` +
      `${box.loadAverage.join(" / ")}.`,
    "Every comparison below ran side by side in this run; ratios are to the baseline named in the table. See " +
      "bench/README.md for how to read them.",
  ];
  return [...header, tableMd(summary), ...results.map(resultMd)].join("\n\n") + "\n";
}

export async function writeResults(results: BenchResult[], box: Machine, startedAt: Date): Promise<string> {
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/:/g, "-").replace(/\..*$/, "");
  const markdown = renderMarkdown(startedAt.toISOString(), box, results);
  await writeFile(
    `${dir}${stamp}.json`,
    JSON.stringify({ date: startedAt.toISOString(), machine: box, results }, null, 2) + "\n",
  );
  await writeFile(`${dir}${stamp}.md`, markdown);
  await writeFile(`${dir}latest.md`, markdown);
  return `${dir}${stamp}.md`;
}
