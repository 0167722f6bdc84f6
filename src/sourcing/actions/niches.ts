import { randomInt } from "node:crypto";
import { finderSelection } from "../discovery/selection.ts";
import { NICHE_PRODUCTS_PER_SLOT, summarizeNiche } from "../catalogue/niche-summary.ts";
import type { NicheSummary } from "../catalogue/niche-summary.ts";
import { NICHE_TEMPLATES } from "../catalogue/niches.ts";
import type { NicheTemplate } from "../catalogue/niches.ts";
import { pickNiches } from "../catalogue/pick-niches.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { answerRun } from "../pipeline/run.ts";
import type { PlannedAction, PlanningDeps, SlotSpec, SpendingClient } from "../pipeline/types.ts";
import type { NichesInput } from "./inputs.ts";

function chooseTemplates(input: NichesInput, seed: number): NicheTemplate[] {
  if (input.shuffle) return pickNiches(input.count, seed, input.strategy ? { strategy: input.strategy } : {});
  return NICHE_TEMPLATES.filter((t) => !input.strategy || t.strategy === input.strategy).slice(0, input.count);
}

const slotOf = (t: NicheTemplate): SlotSpec => ({
  id: t.id,
  selection: finderSelection({ categoryIds: t.categoryIds, bsr: t.bsrRange, priceCents: t.priceRangeCents }),
});

type Skipped = { id: string; name: string; reason: string };

function split(summaries: NicheSummary[]): { niches: NicheSummary[]; skipped: Skipped[] } {
  const niches = summaries.filter((n) => n.productsFound > 0);
  const skipped = summaries
    .filter((n) => n.productsFound === 0)
    .map((n) => ({
      id: n.id,
      name: n.name,
      reason:
        n.productsScored === 0
          ? `no product could be fetched (discovery: ${n.discovery}, ${n.totalResults ?? 0} matches)`
          : `none of ${n.productsScored} scored products passed the niche filter`,
    }));
  return { niches, skipped };
}

/**
 * GET|POST /niches/discover ("Surprise me", surprise_me): `count` curated niches, each one Product Finder page plus
 * a few /product lookups, all inside the action's budget (count 3 → 3 × 11 + 3 × 5 = 48 of 50 tokens).
 */
export async function planSurprise(input: NichesInput, deps: PlanningDeps): Promise<PlannedAction> {
  const domain = input.domain ?? deps.domain;
  const seed = input.seed ?? randomInt(2 ** 31 - 1);
  const templates = chooseTemplates(input, seed);
  const prepared = await prepareRun({
    cache: deps.cache,
    domain,
    slots: templates.map(slotOf),
    budget: deps.budget("surprise_me"),
    perSlot: NICHE_PRODUCTS_PER_SLOT,
    forceRefresh: input.force_refresh,
  });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const summaries = result.slots.map((slot, i) => summarizeNiche(templates[i] as NicheTemplate, slot));
      const { niches, skipped } = split(summaries);
      const notRun = templates
        .slice(prepared.plan.slots)
        .map((t) => ({ id: t.id, name: t.name, reason: "not covered by the token budget (see plan)" }));
      return {
        niches,
        nichesCount: niches.length,
        skipped: [...skipped, ...notRun],
        requested: { count: input.count, strategy: input.strategy ?? null, seed, shuffle: input.shuffle },
        metadata: { mode: "auto", source: "curated_templates" },
      };
    });
  return { action: "surprise_me", plan: prepared.plan, run };
}
