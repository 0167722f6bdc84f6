// CLI entry: `tsx dev/keepa-simulator/main.ts` serves a local Keepa on port 8787.
import { DEV_KEEPA_KEY, startKeepaSimulator } from "./server.ts";

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const scale = envNumber("KEEPA_SIM_CLOCK_SCALE");
  const sim = await startKeepaSimulator({
    port: envNumber("KEEPA_SIM_PORT") ?? 8787,
    seed: envNumber("KEEPA_SIM_SEED") ?? 1,
    keys: { [DEV_KEEPA_KEY]: { rate: envNumber("KEEPA_SIM_RATE") ?? 20 } },
    clock: scale && scale !== 1 ? { mode: "scaled", scale } : { mode: "real" },
    // Keepa-like latencies for interactive use; tests pass 0.
    latencyMs: { product: 150, offers: 5_000, query: 300, bestsellers: 300, category: 80, search: 200, deal: 300 },
  });
  console.info(`keepa-simulator listening on ${sim.url} (key: ${DEV_KEEPA_KEY}, control API: ${sim.url}/__sim/state)`);
  const stop = (signal: string) => {
    console.info(`keepa-simulator: ${signal}, closing`);
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
