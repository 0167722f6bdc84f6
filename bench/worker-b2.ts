// One function instance of B2 (a child process): open-loop interactive searches (and, in instance 0, periodic batch
// jobs) on the simulator's scaled clock, each admitted by the ledger running on that same clock.
import { createRedis, mulberry32, parseConfig } from "../src/shared/index.ts";
import { admit, TokenBudget, TokenLedger } from "../src/tokens/index.ts";
import { serveInstance } from "./lib/instances.ts";
import { benchKeepa, searchWork } from "./lib/keepa-work.ts";
import { timed } from "./lib/outcome.ts";
import type { Verdict } from "./lib/outcome.ts";
import { sleep } from "./lib/sleep.ts";

export type B2Setup = {
  index: number;
  simStart: number;
  realStart: number;
  scale: number;
  durationSimMs: number;
  interactiveGapSimMs: number;
  batchEverySimMs: number | null;
  trustProjectedRefills: boolean;
  seed: number;
};
export type B2Event = { cls: "interactive" | "batch"; start: number; end: number; kind: string; detail?: string };
export type B2Instance = { events: B2Event[] };

const INTERACTIVE = {
  action: "manual_search",
  cost: 31,
  class: "interactive",
  products: 20,
  leaseMs: 10 * 60_000,
} as const;
const BATCH = { action: "auto_sourcing_job", cost: 111, class: "batch", products: 100, leaseMs: 30 * 60_000 } as const;
const BATCH_BODY = { maxResults: 100, forceRefresh: true };

function actor(setup: B2Setup) {
  const now = () => setup.simStart + Math.floor((Date.now() - setup.realStart) * setup.scale);
  const url = process.env.KEEPA_BASE_URL ?? "";
  const ledger = new TokenLedger({
    redis: createRedis(parseConfig(process.env)),
    prefix: process.env.LEDGER_PREFIX ?? "",
    now,
    trustProjectedRefills: setup.trustProjectedRefills,
  });
  return async (kind: typeof INTERACTIVE | typeof BATCH, holder: string): Promise<Verdict> => {
    const request = { action: kind.action, cost: kind.cost, class: kind.class, leaseMs: kind.leaseMs, holder };
    const { result } = await admit(ledger, request, () => benchKeepa(url, { now }));
    if (!result.allowed) return { kind: "refused", detail: result.reason };
    const budget = new TokenBudget({ ledger, reservation: result, leaseMs: kind.leaseMs });
    try {
      await searchWork(
        benchKeepa(url, { meter: budget, now }),
        kind.products,
        undefined,
        kind === BATCH ? BATCH_BODY : undefined,
      );
    } finally {
      await budget.release();
    }
    return "ok";
  };
}

serveInstance<B2Setup, B2Instance>(async (setup) => {
  const act = actor(setup);
  const now = () => setup.simStart + Math.floor((Date.now() - setup.realStart) * setup.scale);
  const random = mulberry32(setup.seed);
  const events: B2Event[] = [];
  const record = async (cls: B2Event["cls"], kind: typeof INTERACTIVE | typeof BATCH, n: number) => {
    const start = now();
    const outcome = await timed(() => act(kind, `b2:${setup.index}:${cls}:${n}`));
    events.push({ cls, start, end: now(), kind: outcome.kind, ...(outcome.detail ? { detail: outcome.detail } : {}) });
  };
  const loop = async (cls: B2Event["cls"], kind: typeof INTERACTIVE | typeof BATCH, gap: () => number) => {
    const pending: Promise<void>[] = [];
    for (let n = 0; now() < setup.simStart + setup.durationSimMs; n++) {
      pending.push(record(cls, kind, n)); // open loop: the next arrival does not wait for this one
      await sleep(gap() / setup.scale);
    }
    await Promise.all(pending);
  };
  return async () => {
    await sleep(setup.realStart - Date.now()); // every instance starts at the shared anchor
    const every = setup.batchEverySimMs;
    await Promise.all([
      loop("interactive", INTERACTIVE, () => -Math.log(1 - random()) * setup.interactiveGapSimMs),
      ...(every === null ? [] : [loop("batch", BATCH, () => every)]),
    ]);
    return { events };
  };
});
