// B5 — cold start: every Netlify function bundled the way Netlify's esbuild path does (docs/platform.md#bundling),
// its size, its composition now and at an earlier commit, and the median time a fresh Node process takes to import
// it (module load + top-level init), with/without Sentry.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleLikeNetlify, composition, compositionsAt } from "./lib/bundle-composition.ts";
import type { BundleOptions } from "./lib/bundle-composition.ts";
import type { Composition } from "./lib/bundle-composition.ts";
import type { Stack } from "./lib/stack.ts";
import { median } from "./lib/stats.ts";
import type { BenchResult, Table, TargetCheck } from "./lib/types.ts";

const FUNCTIONS_DIR = fileURLToPath(new URL("../netlify/functions/", import.meta.url));
const BASELINE_ENTRY = fileURLToPath(new URL("./baselines/minimal-function.ts", import.meta.url));
const MAX_RATIO = 1.5;
const MAX_RATIO_HEALTH = 1.1;
const RUNS = 9;
const MAX_BYTES = 1.5 * 1024 * 1024; // bundle only: the external node_modules ship beside it
const MAX_LOAD_MS = 150;
// Without it, Sentry/OpenTelemetry's CommonJS requires fail in an ESM bundle ("Dynamic require of "util"").
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
/**
 * The commit "before" is measured at: the last one before the layered house (src/shared importing nothing above it,
 * probes on their own runtime). B5_BEFORE_REF picks another.
 */
const BEFORE_REF = process.env.B5_BEFORE_REF ?? "4bfc1e5";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SENTRY_DSN = "http://public@127.0.0.1:9/1"; // a recorder-less DSN: init runs, nothing is sent at import

type Timing = { load: number; firstCall: number };
/** `baseline` = the minimal function's median load, measured interleaved with this function's loads. */
type Row = {
  name: string;
  bytes: number;
  plain: Timing;
  sentry: Timing;
  baseline: number;
  minLoad: number;
  /** Median over runs of this function's load ÷ the baseline load just before it; the slower of no DSN and DSN set. */
  ratio: number;
  error?: string;
};

type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };

async function loadEsbuild(): Promise<Esbuild | string> {
  try {
    return (await import("esbuild")) as Esbuild;
  } catch (error) {
    return `esbuild is not resolvable from the project (${String(error)})`;
  }
}

/**
 * A fresh `node` importing the bundle, then serving one OPTIONS request (where a configured Sentry is loaded lazily).
 * The child times only its own work: process start is not the function's.
 */
function importMs(file: string, env: Record<string, string | undefined>): Timing {
  const code = [
    `const t=performance.now();`,
    `const m=await import(${JSON.stringify(pathToFileURL(file).href)});const t1=performance.now();`,
    `try{await m.default?.(new Request("http://localhost/",{method:"OPTIONS"}),`,
    `{requestId:"b5",params:{},waitUntil(){}})}catch{}`,
    `process.stdout.write(JSON.stringify({load:t1-t,firstCall:performance.now()-t}));process.exit(0);`,
  ].join("");
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
  return JSON.parse(out.trim()) as Timing;
}

/**
 * Median of RUNS, with and without SENTRY_DSN and the baseline function interleaved, so machine load hits all three
 * alike; plus the fastest load.
 */
function timeImports(
  file: string,
  baselineFile: string,
  env: Record<string, string | undefined>,
): Pick<Row, "plain" | "sentry" | "baseline" | "minLoad" | "ratio"> {
  const plain: Timing[] = [];
  const sentry: Timing[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(importMs(baselineFile, { ...env, SENTRY_DSN: undefined }).load);
    plain.push(importMs(file, { ...env, SENTRY_DSN: undefined }));
    sentry.push(importMs(file, { ...env, SENTRY_DSN }));
  }
  const med = (ts: Timing[]): Timing => ({
    load: median(ts.map((t) => t.load)),
    firstCall: median(ts.map((t) => t.firstCall)),
  });
  return {
    plain: med(plain),
    sentry: med(sentry),
    baseline: median(baseline),
    minLoad: Math.min(...plain.map((t) => t.load), ...sentry.map((t) => t.load)),
    // Paired: each load against the baseline load right before it, so a busy moment weighs on both sides alike.
    ratio: Math.max(...[plain, sentry].map((ts) => median(ts.map((t, i) => t.load / (baseline[i] ?? Number.NaN))))),
  };
}

/**
 * Netlify's esbuild path as netlify.toml configures it: ESM, and `external_node_modules` left out of the bundle (they
 * ship as node_modules beside it, which is why bundles are written inside this checkout: they resolve from there).
 */
async function bundleOptions(): Promise<BundleOptions> {
  const toml = await readFile(join(ROOT, "netlify.toml"), "utf8");
  const list = /external_node_modules\s*=\s*\[([^\]]*)\]/.exec(toml)?.[1] ?? "";
  const external = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return { banner: BANNER, external };
}

async function measureFunction(
  esbuild: Esbuild,
  out: string,
  entry: string,
  env: Record<string, string | undefined>,
  options: BundleOptions,
): Promise<Row> {
  const name = entry.replace(/\.m?ts$/, "");
  const file = join(out, `${name}.mjs`);
  try {
    await bundleLikeNetlify(esbuild, join(FUNCTIONS_DIR, entry), file, options);
    const bytes = (await stat(file)).size;
    return { name, bytes, ...timeImports(file, join(out, "baseline.mjs"), env) };
  } catch (error) {
    const nan = { load: Number.NaN, firstCall: Number.NaN };
    return {
      name,
      bytes: 0,
      plain: nan,
      sentry: nan,
      baseline: Number.NaN,
      minLoad: Number.NaN,
      ratio: Number.NaN,
      error: error instanceof Error ? error.message.split("\n")[0] : String(error),
    };
  }
}

function targets(rows: Row[]): TargetCheck[] {
  const ok = rows.filter((r) => !r.error);
  const big = ok.filter((r) => r.bytes > MAX_BYTES).map((r) => r.name);
  const slow = ok.filter((r) => Math.max(r.plain.load, r.sentry.load) > MAX_LOAD_MS).map((r) => r.name);
  const maxBytes = Math.max(...ok.map((r) => r.bytes));
  const maxLoad = Math.max(...ok.map((r) => Math.max(r.plain.load, r.sentry.load)));
  return [
    {
      target: "each function ≤ 1.5 MB",
      measured: `largest ${(maxBytes / 1024 / 1024).toFixed(2)} MB${big.length ? ` (over: ${big.join(", ")})` : ""}`,
      met: big.length === 0 && ok.length === rows.length,
      why: "see the table",
    },
    {
      target: "load ≤ 150 ms (with and without Sentry)",
      measured: `slowest ${maxLoad.toFixed(0)} ms${slow.length ? ` (over: ${slow.join(", ")})` : ""}`,
      met: slow.length === 0 && ok.length === rows.length,
      why: "see notes",
    },
    ...ratioTargets(ok),
  ];
}

/** Every function ≤ 1.5× the baseline measured beside it, liveness ≤ 1.1×. */
function ratioTargets(ok: Row[]): TargetCheck[] {
  const worst = [...ok].sort((a, b) => b.ratio - a.ratio)[0];
  const over = ok.filter((r) => r.ratio > MAX_RATIO).map((r) => `${r.name} ${r.ratio.toFixed(2)}×`);
  const health = ok.find((r) => r.name === "health");
  return [
    {
      target: `every function's median load ≤ ${MAX_RATIO}× the baseline function's (same run, interleaved)`,
      measured: worst
        ? `worst ${worst.name} ${worst.ratio.toFixed(2)}×${over.length ? ` (over: ${over.join(", ")})` : ""}`
        : "–",
      met: worst !== undefined && over.length === 0,
      why: "see the table",
    },
    {
      target: `health median load ≤ ${MAX_RATIO_HEALTH}× the baseline function's`,
      measured: health ? `${health.ratio.toFixed(2)}×` : "–",
      met: health !== undefined && health.ratio <= MAX_RATIO_HEALTH,
      why: "see the table",
    },
  ];
}

type Measured = {
  rows: Row[];
  after: Map<string, Composition>;
  before: Map<string, Composition> | undefined;
  bare: number;
  baselineBytes: number;
};

/** Bundles and times every function beside the baseline, then the compositions now and at BEFORE_REF. */
async function measureAll(esbuild: Esbuild, env: Record<string, string | undefined>, options: BundleOptions) {
  // Inside the checkout, so the external node_modules resolve as they do beside a deployed bundle.
  const cache = join(ROOT, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  const out = await mkdtemp(join(cache, "av-bench-b5-"));
  const after = new Map<string, Composition>();
  try {
    await bundleLikeNetlify(esbuild, BASELINE_ENTRY, join(out, "baseline.mjs"), options);
    const baselineBytes = (await stat(join(out, "baseline.mjs"))).size;
    const entries = (await readdir(FUNCTIONS_DIR)).filter((f) => /\.m?ts$/.test(f)).sort();
    const rows: Row[] = [];
    for (const entry of entries) rows.push(await measureFunction(esbuild, out, entry, env, options));
    for (const entry of entries) {
      const name = entry.replace(/\.m?ts$/, "");
      // A function that does not build is reported in the first table; its composition is left out.
      await composition(esbuild, join(FUNCTIONS_DIR, entry), join(out, `after-${name}.mjs`), options).then(
        (c) => void after.set(name, c),
        () => undefined,
      );
    }
    const before = await compositionsAt(esbuild, ROOT, BEFORE_REF, out, options);
    await writeFile(join(out, "empty.mjs"), "export {};\n");
    const bare = timeImports(join(out, "empty.mjs"), join(out, "baseline.mjs"), env).plain.load;
    return { rows, after, before, bare, baselineBytes } satisfies Measured;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Every function's bytes and load times, beside the baseline's. */
function timingTable(rows: Row[], options: BundleOptions): Table {
  return {
    title:
      "esbuild --bundle --platform=node --target=node20 --format=esm --minify + createRequire banner, " +
      `external: ${options.external.join(", ") || "none"} (netlify.toml); import time = median of ${RUNS} ` +
      "fresh node processes, each function interleaved with the baseline function",
    columns: [
      "function",
      "bytes",
      "MB",
      "load + init ms, no DSN",
      "load + init ms, SENTRY_DSN set",
      "baseline load ms (beside it)",
      "load / baseline",
      "fastest load ms",
      "+ first request ms, no DSN",
      "+ first request ms, SENTRY_DSN set",
    ],
    rows: rows.map((r) =>
      r.error
        ? [r.name, "–", "–", "–", "–", "–", "–", "–", "–", `build/load failed: ${r.error}`]
        : [
            r.name,
            r.bytes,
            (r.bytes / 1024 / 1024).toFixed(2),
            r.plain.load.toFixed(1),
            r.sentry.load.toFixed(1),
            r.baseline.toFixed(1),
            `${r.ratio.toFixed(2)}×`,
            r.minLoad.toFixed(1),
            r.plain.firstCall.toFixed(1),
            r.sentry.firstCall.toFixed(1),
          ],
    ),
  };
}

/** How the loads were taken and what is left out of them. */
function b5Notes({ bare, baselineBytes }: Measured): string[] {
  return [
    "Process start itself (node launching, ~40–50 ms) is not included: the child times only " +
      "`await import(bundle)`. " +
      `For scale, importing an empty module takes ${bare.toFixed(1)} ms the same way.`,
    `The baseline (bench/baselines/minimal-function.ts, ${(baselineBytes / 1024).toFixed(0)} KB) imports only what ` +
      "every function must: the handler type, zod and @upstash/redis; it is bundled the same way and loaded " +
      "before each load of each function, so 'load / baseline' compares loads made side by side: the median of " +
      "each load divided by the baseline load just before it (paired, so a busy moment weighs on both), the " +
      "slower of no DSN and SENTRY_DSN set. The load columns are plain medians.",
    "Sentry (@sentry/aws-serverless), the Postgres driver and ws are external (netlify.toml " +
      "external_node_modules: shipped as node_modules beside the bundle) and imported dynamically on first use: " +
      "Sentry only when SENTRY_DSN is set (its load + init lands on the first request, the last column), the " +
      "driver on a function's first statement. Neither is parsed at load. ky is bundled but imported on the first " +
      "Keepa request: its import constructs a Request, which makes Node load undici (~20 ms) at module load.",
    "The target is judged on the median load + init. This 2-core machine was shared with other test runs (load " +
      "average in the header): the fastest of the 10 loads per function shows the cost without contention.",
  ];
}

export async function benchColdStart(stack: Stack): Promise<BenchResult> {
  const esbuild = await loadEsbuild();
  if (typeof esbuild === "string")
    return { id: "B5", title: "Cold start", tables: [], targets: [], notes: [esbuild], data: null };
  const env = { ...process.env, ...stack.env, KEEPA_BASE_URL: "http://127.0.0.1:9", LEDGER_PREFIX: "bench-b5" };
  const options = await bundleOptions();
  const measured = await measureAll(esbuild, env, options);
  const { rows, after, before, baselineBytes } = measured;
  return {
    id: "B5",
    title: "Cold start",
    tables: [timingTable(rows, options), compositionTable(after, before)],
    targets: [...targets(rows), probeTarget(after)],
    notes: b5Notes(measured),
    data: {
      rows,
      baselineBytes,
      external: options.external,
      composition: {
        ref: BEFORE_REF,
        after: Object.fromEntries(after),
        before: before ? Object.fromEntries(before) : null,
      },
    },
  };
}

const kb = (bytes: number | undefined) => (bytes === undefined ? "–" : (bytes / 1024).toFixed(0));
const client = (c: Composition | undefined) => (c === undefined ? "–" : `${c.keepaClientFiles}${c.ky ? " + ky" : ""}`);

/** Each bundle before and after, side by side: bytes, our own files in it, the Keepa client files in it. */
function compositionTable(after: Map<string, Composition>, before: Map<string, Composition> | undefined) {
  const names = [...new Set([...after.keys(), ...(before?.keys() ?? [])])].sort();
  return {
    title: `Bundle composition at ${BEFORE_REF} (before) and now (after), bundled the same way`,
    columns: [
      "function",
      "KB before",
      "KB after",
      "src files before",
      "src files after",
      "Keepa client before",
      "Keepa client after",
    ],
    rows: names.map((name) => {
      const [b, a] = [before?.get(name), after.get(name)];
      return [name, kb(b?.bytes), kb(a?.bytes), b?.srcFiles ?? "–", a?.srcFiles ?? "–", client(b), client(a)];
    }),
  };
}

/** Liveness and readiness must not carry the Keepa client: they answer when Keepa and its budget are irrelevant. */
function probeTarget(after: Map<string, Composition>): TargetCheck {
  const probes = ["health", "health-ready"].map((name) => ({ name, c: after.get(name) }));
  const carrying = probes.filter((p) => p.c === undefined || p.c.keepaClientFiles > 0 || p.c.ky).map((p) => p.name);
  return {
    target: "/health and /api/v1/health/ready bundles carry no Keepa client code",
    measured: probes.map((p) => `${p.name}: ${client(p.c)} client files, ${p.c?.srcFiles ?? "?"} src files`).join("; "),
    met: carrying.length === 0,
    why: "see the composition table",
  };
}
