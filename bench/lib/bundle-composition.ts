// What a function's bundle is made of, now and at an earlier commit, bundled the same way B5 bundles: bytes, how
// many of our own src/ files contribute code, and whether the Keepa client (its requests, transport, ky) is inside.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Composition = { bytes: number; srcFiles: number; keepaClientFiles: number; ky: boolean };
/** How B5 bundles: the createRequire banner, and the packages netlify.toml keeps out of the bundle. */
export type BundleOptions = { banner: string; external: string[] };

type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };
type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };

/** The Keepa client proper: everything under src/keepa but its error types, which the problem table maps. */
const isKeepaClient = (path: string) => /(^|\/)src\/keepa\//.test(path) && !/src\/keepa\/errors\//.test(path);

/** One function bundled as B5 measures it (esbuild as Netlify runs it, with netlify.toml's externals). */
export function bundleLikeNetlify(
  esbuild: Esbuild,
  entry: string,
  outfile: string,
  options: BundleOptions,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  return esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    banner: { js: options.banner },
    external: options.external,
    logLevel: "silent",
    ...extra,
  });
}

export async function composition(
  esbuild: Esbuild,
  entry: string,
  outfile: string,
  options: BundleOptions,
): Promise<Composition> {
  const result = await bundleLikeNetlify(esbuild, entry, outfile, options, { metafile: true });
  const output = Object.values((result as { metafile?: Metafile }).metafile?.outputs ?? {})[0];
  const used = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return {
    bytes: output?.bytes ?? 0,
    srcFiles: used.filter((path) => /(^|\/)src\//.test(path) && !path.includes("node_modules")).length,
    keepaClientFiles: used.filter(isKeepaClient).length,
    ky: used.some((path) => path.includes("node_modules/ky/")),
  };
}

/**
 * Every function of `ref` bundled from a temporary copy of its tree (`git archive`, read-only: the repository's
 * state is never touched; sharing this checkout's node_modules), so "before" and "after" come from one run on one
 * machine. Undefined when the ref is not in this clone.
 */
export async function compositionsAt(
  esbuild: Esbuild,
  root: string,
  ref: string,
  out: string,
  options: BundleOptions,
): Promise<Map<string, Composition> | undefined> {
  const tree = mkdtempSync(join(tmpdir(), "av-bench-b5-ref-"));
  try {
    const archive = execFileSync("git", ["-C", root, "archive", "--format=tar", ref], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", tree], { input: archive });
  } catch {
    rmSync(tree, { recursive: true, force: true });
    return undefined;
  }
  try {
    symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
    const dir = join(tree, "netlify", "functions");
    const found = new Map<string, Composition>();
    for (const entry of readdirSync(dir).filter((file) => /\.m?ts$/.test(file))) {
      const name = entry.replace(/\.m?ts$/, "");
      found.set(name, await composition(esbuild, join(dir, entry), join(out, `before-${name}.mjs`), options));
    }
    return found;
  } finally {
    if (existsSync(tree)) rmSync(tree, { recursive: true, force: true });
  }
}
