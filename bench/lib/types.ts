export type Cell = string | number;

export type Table = { title: string; columns: string[]; rows: Cell[][] };

/** One target of the issue, judged on what was measured; `why` explains a miss (never tuned away). */
export type TargetCheck = { target: string; measured: string; met: boolean; why?: string };

export type BenchResult = {
  id: BenchId;
  title: string;
  tables: Table[];
  targets: TargetCheck[];
  notes: string[];
  /** Raw numbers behind the tables, kept in the JSON. */
  data: unknown;
  durationMs?: number;
  /** 1-minute load average when the benchmark started and ended: this machine may be shared. */
  load?: [number, number];
};

export type BenchId = "B1" | "B2" | "B3" | "B4" | "B5";
