// One function instance of B1 (a child process): fires `count` concurrent invocations of one design on "go".
import type { NetlifyHandler } from "../src/app/index.ts";
import { InMemoryBucket } from "./baselines/in-memory-bucket.ts";
import { reactiveRetry } from "./baselines/reactive-retry.ts";
import { upstashBucket } from "./baselines/upstash-bucket.ts";
import { serveInstance } from "./lib/instances.ts";
import { benchKeepa, SEARCH_BODY, searchCost, searchWork } from "./lib/keepa-work.ts";
import { timed } from "./lib/outcome.ts";
import type { Outcome, Verdict } from "./lib/outcome.ts";

export type B1Design = "ledger" | "in_memory" | "upstash" | "reactive";
export type B1Setup = { design: B1Design; count: number; limitMs: number; rate: number; products: number };
export type B1Instance = { outcomes: Outcome[] };

type Invoke = () => Promise<Verdict>;
const env = (name: string): string => process.env[name] ?? "";

async function ledgerInvoke(): Promise<Invoke> {
  const { default: handler } = (await import("../netlify/functions/products-discover-with-scoring.mts")) as {
    default: NetlifyHandler;
  };
  const { fakeContext } = await import("../test/helpers/context.ts");
  // Loaded here, as the handler is: the baselines' processes never load the application layer.
  const { LOCAL_API_KEY } = await import("../src/app/index.ts");
  return async () => {
    const request = new Request("http://localhost/api/v1/products/discover_with_scoring", {
      method: "POST",
      headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(SEARCH_BODY),
    });
    const response = await handler(request, fakeContext());
    const body = (await response.json()) as { reason?: string; detail?: string };
    if (response.status === 200) return "ok";
    if (response.status === 429 && body.reason === "upstream_blocked") return "upstream_429";
    if (response.status === 429 || response.status === 503)
      return { kind: "refused", detail: `${response.status} ${body.reason ?? "?"}` };
    throw new Error(`status ${response.status}: ${body.detail ?? ""}`);
  };
}

async function baselineInvoke(setup: B1Setup): Promise<Invoke> {
  const keepa = benchKeepa(env("KEEPA_BASE_URL"));
  const cost = searchCost(setup.products);
  if (setup.design === "in_memory") {
    const bucket = new InMemoryBucket(setup.rate, 200); // the original's burst_capacity 200
    bucket.sync((await keepa.tokenStatus()).envelope.tokensLeft ?? 0); // once, at instance start
    return async () => {
      if (!(await bucket.acquire(cost, Date.now() + setup.limitMs))) return "refused"; // 429 at the time limit
      await searchWork(keepa, setup.products);
      return "ok";
    };
  }
  if (setup.design === "upstash") {
    const limiter = upstashBucket(
      env("UPSTASH_REDIS_REST_URL"),
      env("UPSTASH_REDIS_REST_TOKEN"),
      env("LEDGER_PREFIX"),
      setup.rate,
    );
    return async () => {
      if (!(await limiter.limit("keepa", { rate: cost })).success) return "refused";
      await searchWork(keepa, setup.products);
      return "ok";
    };
  }
  return async () => {
    const deadline = Date.now() + setup.limitMs;
    await searchWork(keepa, setup.products, (send) => reactiveRetry(send, deadline, () => undefined));
    return "ok";
  };
}

serveInstance<B1Setup, B1Instance>(async (setup) => {
  const invoke = setup.design === "ledger" ? await ledgerInvoke() : await baselineInvoke(setup);
  return async () => ({ outcomes: await Promise.all(Array.from({ length: setup.count }, () => timed(invoke))) });
});
