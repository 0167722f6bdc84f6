import { z } from "zod";

export type TokenClass = "interactive" | "batch";
export type ActionCost = { cost: number; class: TokenClass };

/**
 * What each business action may spend at most, in Keepa tokens: the original app's names and budgets
 * (docs/token-ledger.md#action-budgets), except manual_search. Its original 10 cannot buy a single Product Finder page
 * (11 tokens), so every uncached search would be refused (the original's static costs were 5–12× below reality); 31
 * buys one page and 20 scored products. Each request still reserves only its plan's cost, never the whole budget.
 * Interactive actions serve a waiting person; batch actions must leave them room.
 */
export const TOKEN_COSTS = {
  surprise_me: { cost: 50, class: "interactive" },
  niche_discovery: { cost: 150, class: "interactive" },
  manual_search: { cost: 31, class: "interactive" },
  product_lookup: { cost: 1, class: "interactive" },
  auto_sourcing_job: { cost: 200, class: "batch" },
} as const satisfies Record<string, ActionCost>;

export type ActionName = keyof typeof TOKEN_COSTS;
export type CostRegistry = Record<ActionName, ActionCost>;

export const ACTION_NAMES = Object.keys(TOKEN_COSTS) as ActionName[];

const overrideSchema = z
  .partialRecord(
    z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]),
    z.strictObject({
      cost: z.number().int().positive().max(100_000).optional(),
      class: z.enum(["interactive", "batch"]).optional(),
    }),
  )
  .refine((value) => typeof value === "object" && value !== null, "must be a JSON object");

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
