// B5 — cold start: every Netlify function bundled the way Netlify's esbuild path does (docs/platform.md#bundling),
// its size, its composition now and at an earlier commit, and the median time a fresh Node process takes to import
// it (module load + top-level init), with/without Sentry.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { composition, compositionsAt } from "./lib/bundle-composition.ts";
import type { Composition } from "./lib/bundle-composition.ts";
import type { Stack } from "./lib/stack.ts";
import { median } from "./lib/stats.ts";
import type { BenchResult, TargetCheck } from "./lib/types.ts";

const FUNCTIONS_DIR = fileURLToPath(new URL("../netlify/functions/", import.meta.url));
const RUNS = 5;
const MAX_BYTES = 1.5 * 1024 * 1024;
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
type Row = { name: string; bytes: number; plain: Timing; sentry: Timing; minLoad: number; error?: string };

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

/** Median of RUNS, with and without SENTRY_DSN interleaved so machine load hits both alike; plus the fastest load. */
function timeImports(file: string, env: Record<string, string | undefined>): Pick<Row, "plain" | "sentry" | "minLoad"> {
  const plain: Timing[] = [];
  const sentry: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
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
    minLoad: Math.min(...plain.map((t) => t.load), ...sentry.map((t) => t.load)),
  };
}

async function measureFunction(
  esbuild: Esbuild,
  out: string,
  entry: string,
  env: Record<string, string | undefined>,
): Promise<Row> {
  const name = entry.replace(/\.m?ts$/, "");
  const file = join(out, `${name}.mjs`);
  try {
    await esbuild.build({
      entryPoints: [join(FUNCTIONS_DIR, entry)],
      outfile: file,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      minify: true,
      banner: { js: BANNER },
      logLevel: "silent",
    });
    const bytes = (await stat(file)).size;
    return { name, bytes, ...timeImports(file, env) };
  } catch (error) {
    const nan = { load: Number.NaN, firstCall: Number.NaN };
    return {
      name,
      bytes: 0,
      plain: nan,
      sentry: nan,
      minLoad: Number.NaN,
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
  ];
}

export async function benchColdStart(stack: Stack): Promise<BenchResult> {
  const esbuild = await loadEsbuild();
  if (typeof esbuild === "string")
    return { id: "B5", title: "Cold start", tables: [], targets: [], notes: [esbuild], data: null };
  const out = await mkdtemp(join(tmpdir(), "av-bench-b5-"));
  const env = { ...process.env, ...stack.env, KEEPA_BASE_URL: "http://127.0.0.1:9", LEDGER_PREFIX: "bench-b5" };
  const rows: Row[] = [];
  const after = new Map<string, Composition>();
  let before: Map<string, Composition> | undefined;
  let bare: number;
  try {
    const entries = (await readdir(FUNCTIONS_DIR)).filter((f) => /\.m?ts$/.test(f)).sort();
    for (const entry of entries) rows.push(await measureFunction(esbuild, out, entry, env));
    for (const entry of entries) {
      const name = entry.replace(/\.m?ts$/, "");
      after.set(name, await composition(esbuild, join(FUNCTIONS_DIR, entry), join(out, `after-${name}.mjs`), BANNER));
    }
    before = await compositionsAt(esbuild, ROOT, BEFORE_REF, out, BANNER);
    await writeFile(join(out, "empty.mjs"), "export {};\n");
    bare = timeImports(join(out, "empty.mjs"), env).plain.load;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return {
    id: "B5",
    title: "Cold start",
    tables: [
      {
        title:
          "esbuild --bundle --platform=node --target=node20 --format=esm --minify + createRequire banner; " +
          `import time = median of ${RUNS} fresh node processes`,
        columns: [
          "function",
          "bytes",
          "MB",
          "load + init ms, no DSN",
          "load + init ms, SENTRY_DSN set",
          "fastest load ms",
          "+ first request ms, no DSN",
          "+ first request ms, SENTRY_DSN set",
        ],
        rows: rows.map((r) =>
          r.error
            ? [r.name, "–", "–", "–", "–", "–", "–", `build/load failed: ${r.error}`]
            : [
                r.name,
                r.bytes,
                (r.bytes / 1024 / 1024).toFixed(2),
                r.plain.load.toFixed(1),
                r.sentry.load.toFixed(1),
                r.minLoad.toFixed(1),
                r.plain.firstCall.toFixed(1),
                r.sentry.firstCall.toFixed(1),
              ],
        ),
      },
      compositionTable(after, before),
    ],
    targets: [...targets(rows), probeTarget(after)],
    notes: [
      "Process start itself (node launching, ~40–50 ms) is not included: the child times only " +
        "`await import(bundle)`. " +
        `For scale, importing an empty module takes ${bare.toFixed(1)} ms the same way.`,
      "Every bundle contains Sentry (@sentry/aws-serverless, most of the bytes), but src/shared/sentry.ts imports it " +
        "lazily and only when SENTRY_DSN is set: its load + init cost lands on the first request (the last column: " +
        "import + one OPTIONS request), not on module load.",
      "The target is judged on the median load + init. This 2-core machine was shared with other test runs (load " +
        "average in the header): the fastest of the 10 loads per function shows the cost without contention.",
    ],
    data: {
      rows,
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
