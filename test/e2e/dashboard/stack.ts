// The real local stack for the dashboard's end-to-end test, as `npm run dev` runs it: the Keepa simulator and
// `netlify dev --offline` serving `public/` and the functions from one origin, in local mode.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../../dev/keepa-simulator/server.ts";
import { copyPublicAssets } from "../../../scripts/public-assets.ts";
import { freePort, waitForHttp } from "../../helpers/ports.ts";
import { startSimulator } from "../../helpers/simulator.ts";

const ROOT = new URL("../../..", import.meta.url).pathname;

/** Not copied: build output, the dependencies (linked instead), and `.env` (the server gets its env explicitly). */
const SKIP = new Set(["node_modules", ".git", ".netlify", "test-results", "coverage", ".dev-state", ".env"]);

/**
 * A private copy of the checkout (node_modules linked): netlify-cli writes its bundles under the project's
 * `.netlify/`, so a second netlify process on the same checkout (another test file, a developer's `npm run dev`)
 * would overwrite them mid-start. The copy is taken at start, so it runs exactly the checkout's code.
 */
function privateSite(): string {
  const dir = mkdtempSync(join(tmpdir(), "av-dashboard-site-"));
  for (const entry of readdirSync(ROOT)) {
    if (!SKIP.has(entry)) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  copyPublicAssets(join(dir, "public", "vendor")); // as the build does: Swagger UI and openapi-fetch, no CDN
  return dir;
}

export type Stack = { base: string; sim: RunningSimulator; output: () => string; stop: () => Promise<void> };

/**
 * Starts the simulator (manual clock: nothing refills unless the test says so) and the site. `env` is added to the
 * server's environment (the per-file Upstash/Neon/database variables from test/setup are already in process.env).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const sim = await startSimulator();
  const port = await freePort();
  const staticPort = await freePort();
  const site = privateSite();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv: Record<string, string | undefined> = {
    ...process.env,
    KEEPA_BASE_URL: sim.url,
    LOG_LEVEL: "warn",
    NETLIFY_TELEMETRY_DISABLED: "1",
    ...env,
  };
  delete serverEnv.KEEPA_API_KEY; // local mode: the simulator with its dev key, and LOCAL_API_KEY is accepted
  let output = "";
  const cli = join(ROOT, "node_modules", ".bin", "netlify");
  const args = [
    "dev",
    "--offline",
    "--internal-disable-edge-functions",
    "--port",
    String(port),
    "--staticServerPort",
    String(staticPort),
  ];
  const server: ChildProcess = spawn(cli, args, {
    cwd: site,
    env: serverEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (server.pid !== undefined && server.exitCode === null) {
      const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    await sim.close();
    rmSync(site, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${base}/health`, 150_000, () => server.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }
  return { base, sim, output: () => output, stop };
}
