import { z } from "zod";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { withPgQuery } from "../../dev/pg-query.ts";
import { authenticate, createApiKey, defineEndpoint, respondGuarded, scope } from "../../src/app/index.ts";
import type { EndpointSpec, NewApiKey, Runtime } from "../../src/app/index.ts";
import { bearer, startSimulator } from "../helpers/simulator.ts";

export { bearer };

/** The simulator for key and guard tests: a small catalogue on the real clock (local mode unless a key is set). */
export function startSimulatorForKeys(keys?: Record<string, { rate: number }>): Promise<RunningSimulator> {
  return startSimulator({ catalogueSize: 200, clock: { mode: "real" }, ...(keys ? { keys } : {}) });
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
