import { z } from "zod";
import { ACTION_NAMES } from "../../tokens/index.ts";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

// The shapes every operation shares, named once so the document and the typed client name them once too
// (README, "API conventions").

/** An instant, ISO 8601 in UTC (`2026-12-01T15:04:05.000Z`). */
export const Timestamp = z.lazy(() => z.iso.datetime().meta({ id: "Timestamp", description: "ISO 8601, UTC" }));

/** Money: integer cents; the currency is named beside it (`currency`) on the object that carries it. */
export const Cents = z.lazy(() => z.number().int().meta({ id: "Cents", description: "Integer cents of `currency`" }));

export const Currency = z.lazy(() =>
  z.enum(["USD", "GBP", "EUR", "JPY", "CAD", "INR", "MXN", "BRL", "AUD"]).meta({
    id: "Currency",
    description: "ISO 4217 code of the marketplace's currency (Keepa domain 1 is USD)",
  }),
);

export const Asin = z.lazy(() =>
  z
    .string()
    .regex(/^[0-9A-Z]{10}$/)
    .meta({ id: "Asin", description: "Amazon's 10-character id" }),
);

/** An opaque cursor: pass a page's `nextCursor` back unchanged to get the next page. */
export const NextCursor = z.lazy(() =>
  z
    .string()
    .nullable()
    .meta({ id: "NextCursor", description: "Pass back as `cursor` for the next page; null on the last page" }),
);

/** One page of a list: `items` in a stable order, `limit` as applied, `nextCursor` null on the last page. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), limit: z.number().int().positive(), nextCursor: NextCursor });
}

/** Path parameter `id` as the doors read it. */
export const IdParam = () => z.object({ id: z.string().meta({ description: "The resource's id" }) });

// Request field names are camelCase; an old snake_case name stays accepted as a deprecated alias through
// `withLegacyAliases(schema, { old_name: "newName" })` (src/shared/http/validation.ts), which `validate` applies
// before the strict schema checks, so the document shows only the camelCase names.

/**
 * The `tokens` summary every spending response carries (src/app/guard.ts, `tokensSummary`): the guard's own numbers
 * for the request's reservation, plus what the caches saved.
 */
export const TokenSummary = z.lazy(() =>
  z
    .object({
      action: z.enum(ACTION_NAMES).meta({ description: "The token action the request ran under" }),
      reserved: z.number().int().meta({ description: "Tokens reserved for the plan's upper bound" }),
      spent: z.number().int().meta({ description: "Tokens Keepa charged" }),
      released: z.number().int().meta({ description: "Reserved tokens given back" }),
      partial: z.boolean().meta({ description: "A budget, deadline or Keepa failure cut the work" }),
      balance: z
        .number()
        .int()
        .optional()
        .meta({ description: "Projected balance after the release (absent at 0 cost)" }),
      cacheHits: z
        .object({ discovery: z.number().int(), products: z.number().int() })
        .optional()
        .meta({ description: "Discovery pages and products answered from the cache (0 tokens)" }),
      productsFetched: z.number().int().optional().meta({ description: "Products bought from Keepa" }),
    })
    .meta({ id: "TokenSummary" }),
);
