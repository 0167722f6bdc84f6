import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { snapshot, testLedger } from "../helpers/ledger.ts";

const run = promisify(execFile);
const WORKER = new URL("./fixtures/reserve-worker.ts", import.meta.url).pathname;

async function worker(
  prefix: string,
  reservations: number,
  cost: number,
): Promise<{ admitted: number; ids: string[] }> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", WORKER], {
    env: { ...process.env, WORKER_PREFIX: prefix, RESERVATIONS: String(reservations), COST: String(cost) },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { admitted: number; ids: string[] };
}

describe("concurrent reservations from several OS processes", () => {
  it("admit exactly what is available, never more", { timeout: 90_000 }, async () => {
    const ledger = testLedger();
    const prefix = ledger.keys.state.replace(/:tokens:state$/, "");
    await ledger.sync(snapshot({ tokensLeft: 1000, refillIn: 59_000, receivedAt: Date.now() }));
    // 4 processes × 100 concurrent reservations of 10 against 1000 tokens with a floor of 10: the optimum is 99.
    const results = await Promise.all([0, 1, 2, 3].map(() => worker(prefix, 100, 10)));
    const admitted = results.reduce((sum, r) => sum + r.admitted, 0);
    expect(admitted).toBe(99);
    const ids = new Set(results.flatMap((r) => r.ids));
    expect(ids.size).toBe(99);
    const status = await ledger.status();
    expect(status.reserved).toBe(990);
    expect(status.reservations).toHaveLength(99);
    expect(status.available).toBe(10);
  });
});
