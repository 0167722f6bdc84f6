import { z } from "zod";

export type TokenClass = "interactive" | "batch";
export type ActionCost = { cost: number; class: TokenClass };

/**
 * What each business action may spend at most, in Keepa tokens: the original app's names (docs/token-ledger.md#
 * action-budgets). Budgets changed where a plan could no longer do anything useful within them (docs/economics.md#
 * token-budgets); the reason is beside each. Each request still reserves only its plan's cost, never the whole
 * budget. Interactive actions serve a waiting person; batch actions must leave them room.
 */
export const TOKEN_COSTS = {
  // Was 50 (5 products per niche): 3 niches × (1 page of 11 + 10 screened) = 63, and 3 live-offer verifications at
  // up to 12 each = 99. The original scored 10 products per niche.
  surprise_me: { cost: 100, class: "interactive" },
  niche_discovery: { cost: 150, class: "interactive" },
  // Was 31 (one page and 20 stats-only products, never verified): 3 BSR band pages (33) + 21 screened products +
  // 3 verifications (36) = 90. The original's 10 could not buy one Product Finder page.
  manual_search: { cost: 100, class: "interactive" },
  // Was 1 (stats only, so always provisional): one product with live offers is at most 2 offer pages of 6.
  product_lookup: { cost: 12, class: "interactive" },
  // Unchanged: 3 band pages (33) + 51 screened products leave room for 9 verifications (108) = 192.
  auto_sourcing_job: { cost: 200, class: "batch" },
  // A pre-purchase check: one product fetched again with live offers (at most 2 offer pages of 6).
  verify_purchase: { cost: 12, class: "interactive" },
  // A list analysed while the caller waits: up to 100 identifiers screened at 1 token each.
  batch_analysis: { cost: 100, class: "interactive" },
  // One chunk of a long list in the background: 200 identifiers at 1 token, as the batch floor allows.
  batch_analysis_job: { cost: 200, class: "batch" },
} as const satisfies Record<string, ActionCost>;

export type ActionName = keyof typeof TOKEN_COSTS;
export type CostRegistry = Record<ActionName, ActionCost>;

export const ACTION_NAMES = Object.keys(TOKEN_COSTS) as ActionName[];

const overrideSchema = z.lazy(() =>
  z
    .partialRecord(
      z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]),
      z.strictObject({
        cost: z.number().int().positive().max(100_000).optional(),
        class: z.enum(["interactive", "batch"]).optional(),
      }),
    )
    .refine((value) => typeof value === "object" && value !== null, "must be a JSON object"),
);

/** TOKEN_COSTS with a deployment's override (env TOKEN_COSTS_OVERRIDE, JSON) applied; an invalid override throws. */
export function costRegistry(overrideJson?: string): CostRegistry {
  const registry: CostRegistry = { ...TOKEN_COSTS };
  if (overrideJson === undefined || overrideJson.trim() === "") return registry;
  let parsed: unknown;
  try {
    parsed = JSON.parse(overrideJson);
  } catch {
    throw new Error("TOKEN_COSTS_OVERRIDE is not valid JSON");
  }
  const result = overrideSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(
      "TOKEN_COSTS_OVERRIDE is invalid: " +
        `${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  }
  for (const [action, change] of Object.entries(result.data) as [ActionName, Partial<ActionCost>][]) {
    registry[action] = { ...registry[action], ...change };
  }
  return registry;
}

/** An unknown action is a programming error, not a user error: it throws. */
export function actionCost(registry: CostRegistry, action: string): ActionCost & { action: ActionName } {
  if (!Object.hasOwn(registry, action)) throw new TypeError(`Unknown token action "${action}"`);
  const name = action as ActionName;
  return { action: name, ...registry[name] };
}
