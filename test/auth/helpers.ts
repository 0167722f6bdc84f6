import type { Context } from "@netlify/functions";
import { z } from "zod";
import { startKeepaSimulator } from "../../dev/keepa-simulator/server.ts";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import { withPgQuery } from "../../dev/pg-query.ts";
import { createApiKey } from "../../src/app/auth/store.ts";
import type { NewApiKey } from "../../src/app/auth/store.ts";
import { authenticate, defineEndpoint, respondGuarded, scope } from "../../src/app/index.ts";
import type { EndpointSpec, Runtime } from "../../src/app/index.ts";

export const NO_LATENCY = {
  token: 0,
  product: 0,
  offers: 0,
  query: 0,
  bestsellers: 0,
  category: 0,
  search: 0,
  deal: 0,
};

export const bearer = (key: string = LOCAL_API_KEY): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** A v2 context whose waitUntil promises can be awaited (Sentry flushes go there). */
export function trackingContext(): { context: Context; settled: () => Promise<void> } {
  const pending: Promise<unknown>[] = [];
  const context = {
    requestId: `test-${Math.random().toString(36).slice(2, 10)}`,
    params: {},
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
  } as unknown as Context;
  return { context, settled: async () => void (await Promise.allSettled(pending)) };
}

/** The simulator on a free port, with KEEPA_BASE_URL pointing at it (local mode unless KEEPA_API_KEY is set). */
export async function startSimulatorForTests(keys?: Record<string, { rate: number }>): Promise<RunningSimulator> {
  const running = await startKeepaSimulator({
    seed: 11,
    catalogueSize: 200,
    latencyMs: NO_LATENCY,
    ...(keys ? { keys } : {}),
  });
  process.env.KEEPA_BASE_URL = running.url;
  return running;
}

export async function createKey(input: Partial<NewApiKey> = {}): Promise<{ key: string; id: string }> {
  const databaseUrl = process.env.DATABASE_URL!;
  const { key, row } = await withPgQuery(databaseUrl, (query) =>
    createApiKey(query, {
      name: input.name ?? "test",
      scopes: input.scopes ?? ["tokens:spend"],
      dailyTokenQuota: input.dailyTokenQuota ?? null,
    }),
  );
  return { key, id: row.id };
}

const lookupBody = z.strictObject({ asin: z.string().regex(/^[A-Z0-9]{10}$/), buybox: z.boolean().optional() });

type LookupBody = z.infer<typeof lookupBody>;

/** A spending endpoint like the product ones: one Keepa /product call through the guard. */
export function productLookupEndpoint(
  overrides: Partial<EndpointSpec<Record<string, never>, LookupBody, Runtime>> = {},
) {
  return defineEndpoint({
    name: "test-product-lookup",
    methods: ["POST"],
    steps: [authenticate, scope("tokens:spend")],
    body: lookupBody,
    handle: async ({ body }, ctx) =>
      respondGuarded(
        ctx,
        "product_lookup",
        async ({ keepa }) => {
          const buybox = body?.buybox ? { buybox: true } : {};
          const result = await keepa.products({ domain: 1, asins: [body!.asin], history: false, ...buybox });
          return { body: { asin: body!.asin, found: result.products.length } };
        },
        { cost: body?.buybox ? 3 : 1 },
      ),
    ...overrides,
  });
}

export const lookupRequest = (
  asin: string,
  headers: Record<string, string> = bearer(),
  extra: Record<string, unknown> = {},
) =>
  new Request("http://localhost/api/v1/test/lookup", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ asin, ...extra }),
  });
