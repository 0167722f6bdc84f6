import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { authenticate, defineEndpoint, guard, runtimeFromEnv } from "../../src/app/index.ts";
import type { Runtime } from "../../src/app/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { bearer, createKey, lookupRequest, productLookupEndpoint, startSimulatorForKeys } from "../auth/helpers.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { startSentryRecorder } from "./sentry-recorder.ts";
import type { SentryRecorder } from "./sentry-recorder.ts";

const KEEPA_SECRET = "keepa-secret-0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCD";
const WEBHOOK_SECRET = "whsec_TopSecretWebhookSigningValue42";
const lookup = productLookupEndpoint();
/**
 * A guarded endpoint that calls Keepa (a breadcrumb with the key in its URL) and then fails with secrets in the
 * message.
 */
const leaky = defineEndpoint({
  name: "test-leaky",
  methods: ["GET"],
  steps: [authenticate],
  handle: async (_input, ctx) => {
    await guard(ctx, "product_lookup", async ({ keepa }) => {
      await keepa.products({ domain: 1, asins: [asin], history: false });
      const auth = ctx.request.headers.get("authorization");
      throw new Error(
        `boom: ${auth} key=${KEEPA_SECRET} https://api.keepa.com/product?key=${KEEPA_SECRET} secret ` +
          `${WEBHOOK_SECRET} ${process.env.DATABASE_URL}`,
      );
    });
    return new Response(null, { status: 204 });
  },
});

let recorder: SentryRecorder;
let running: RunningSimulator;
let asin: string;
let apiKey: string;
let prefix = 0;
const basePrefix = process.env.LEDGER_PREFIX!;

/** This test's runtime: a fresh ledger namespace (see beforeEach). */
let runtime: Runtime;

async function call(handler: typeof lookup, request: Request): Promise<Response> {
  const context = fakeContext();
  const settled = context.settled;
  const response = await handler.serve(request, context, runtime);
  await settled();
  return response;
}

beforeAll(async () => {
  recorder = await startSentryRecorder();
  // Kept in process.env: Sentry is configured per instance (src/app/instance.ts), and the scrubber reads the
  // secrets' values from there (src/shared/redact.ts); the runtimes below are built from it too.
  Object.assign(process.env, {
    SENTRY_DSN: recorder.dsn,
    KEEPA_API_KEY: KEEPA_SECRET,
    WEBHOOK_SECRET,
    SENTRY_ENVIRONMENT: "test",
  });
  runtimeFromEnv(); // the instance's cold start, which hands SENTRY_DSN / SENTRY_ENVIRONMENT to the Sentry seam
  running = await startSimulatorForKeys({ [KEEPA_SECRET]: { rate: 20 } });
  asin = running.sim.catalogue.entries[0]!.asin;
  apiKey = (await createKey({ name: "sentry test", dailyTokenQuota: 1000 })).key;
});
afterAll(async () => {
  // Every byte Sentry sent, in every test: none of the secrets.
  const everything = recorder.raw.join("\n");
  expect(recorder.events().length).toBeGreaterThan(0);
  for (const secret of [
    KEEPA_SECRET,
    WEBHOOK_SECRET,
    apiKey,
    new URL(process.env.DATABASE_URL!).password || "unused-password-marker",
  ]) {
    expect(everything).not.toContain(secret);
  }
  delete process.env.SENTRY_DSN;
  delete process.env.KEEPA_API_KEY;
  delete process.env.WEBHOOK_SECRET;
  delete process.env.SENTRY_ENVIRONMENT;
  await running?.close();
  await recorder?.close();
});
beforeEach(() => {
  // A fresh ledger namespace per test: each starts by learning the simulator's real balance through /token.
  prefix += 1;
  runtime = testRuntime({ vars: { LEDGER_PREFIX: `${basePrefix}:s${prefix}` } });
  running.sim.setBalance(1200, KEEPA_SECRET);
  recorder.clear();
});

describe("Sentry events", () => {
  it("sends nothing for a successful request, even one that awaits (no spurious timeout warning)", async () => {
    expect((await call(lookup, lookupRequest(asin, bearer(apiKey)))).status).toBe(200);
    expect(recorder.events()).toEqual([]);
  });

  it("sends nothing for ordinary refusals by the ledger (balance, quota) or bad requests", async () => {
    expect((await call(lookup, lookupRequest(asin, bearer(apiKey)))).status).toBe(200);
    const { key: tight } = await createKey({ name: "tight", dailyTokenQuota: 1 });
    expect((await call(lookup, lookupRequest(asin, bearer(tight)))).status).toBe(200);
    const quota = await call(lookup, lookupRequest(asin, bearer(tight)));
    expect(quota.status).toBe(429);
    expect((await json(quota)).reason).toBe("quota");
    expect((await call(lookup, lookupRequest("not-an-asin", bearer(apiKey)))).status).toBe(400);
    expect((await call(lookup, lookupRequest(asin, {}))).status).toBe(401);
    expect(recorder.events()).toEqual([]);
  });

  it("reports an upstream 429 (the breaker trips) with function, action and reason tags", async () => {
    expect((await call(lookup, lookupRequest(asin, bearer(apiKey)))).status).toBe(200);
    running.sim.setBalance(0, KEEPA_SECRET); // an outside consumer drained the key behind the ledger's back
    const response = await call(lookup, lookupRequest(asin, bearer(apiKey)));
    expect(response.status).toBe(429);
    expect((await json(response)).reason).toBe("upstream_blocked");
    const events = recorder.events();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({
      function: "test-product-lookup",
      action: "product_lookup",
      reason: "upstream_429",
      incident: "upstream_429",
    });
    expect(events[0]!.message).toContain("429");
    // The breaker now refuses locally: an ordinary refusal, no second event.
    recorder.clear();
    const refused = await call(lookup, lookupRequest(asin, bearer(apiKey)));
    expect(refused.status).toBe(429);
    expect(recorder.events()).toEqual([]);
  });

  it("reports a negative Keepa balance", async () => {
    expect((await call(lookup, lookupRequest(asin, bearer(apiKey)))).status).toBe(200);
    running.sim.setBalance(1, KEEPA_SECRET); // Keepa admits at a balance > 0 and charges the full 3 tokens
    const response = await call(lookup, lookupRequest(asin, bearer(apiKey), { buybox: true }));
    expect(response.status).toBe(200);
    const events = recorder.events();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({
      function: "test-product-lookup",
      action: "product_lookup",
      reason: "negative_balance",
    });
    expect(events[0]!.message).toContain("negative");
  });

  it("reports an unexpected error as a 500, scrubbed of the Keepa key, bearer token and webhook secret", async () => {
    const response = await call(leaky, new Request("http://localhost/api/v1/leaky", { headers: bearer(apiKey) }));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("boom");
    const events = recorder.events();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({ function: "test-leaky", action: "product_lookup" });
    const message = events[0]!.exception?.values?.[0]?.value ?? "";
    expect(message).toContain("boom");
    expect(message).toContain("[REDACTED]");
    const everything = recorder.raw.join("\n");
    for (const secret of [KEEPA_SECRET, WEBHOOK_SECRET, apiKey]) expect(everything).not.toContain(secret);
  });
});
