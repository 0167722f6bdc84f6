import { randomInt } from "node:crypto";
import { DEFAULT_PER_PAGE } from "../discovery/selection.ts";
import { NICHE_PRODUCTS_PER_SLOT, summarizeNiche } from "../catalogue/niche-summary.ts";
import type { NicheSummary } from "../catalogue/niche-summary.ts";
import { NICHE_TEMPLATES } from "../catalogue/niches.ts";
import type { NicheTemplate } from "../catalogue/niches.ts";
import { nicheSlot } from "../catalogue/niche-lists.ts";
import { pickNiches } from "../catalogue/pick-niches.ts";
import { prepareRun } from "../pipeline/prepare.ts";
import { verificationOrder } from "../scoring/view.ts";
import type { ScoreViewOptions } from "../scoring/view.ts";
import type { ScoringConfig } from "../scoring/config.ts";
import { answerRun } from "../pipeline/run.ts";
import type { PlannedAction, PlanningDeps, SpendingClient } from "../pipeline/types.ts";
import { costModelEcho } from "./economics-inputs.ts";
import type { NichesInput } from "./inputs.ts";
import { currencyOf } from "../../keepa/index.ts";
import type { NormalizedProduct } from "../../keepa/index.ts";

function chooseTemplates(input: NichesInput, seed: number): NicheTemplate[] {
  if (input.shuffle) return pickNiches(input.count, seed, input.strategy ? { strategy: input.strategy } : {});
  return NICHE_TEMPLATES.filter((t) => !input.strategy || t.strategy === input.strategy).slice(0, input.count);
}

/** Ranks every screened product with the strategy of the niche it came from (by category), best first. */
function rankAcrossNiches(
  input: NichesInput,
  templates: readonly NicheTemplate[],
  products: readonly NormalizedProduct[],
  config: ScoringConfig | undefined,
) {
  const strategies = [...new Set(templates.map((t) => t.strategy))];
  if (strategies.length === 1)
    return verificationOrder(products, nicheChoice(input, templates[0] as NicheTemplate, config));
  // Mixed strategies: each strategy's ranking interleaved, so no niche is starved of verification.
  const orders = templates.map((t) => verificationOrder(products, nicheChoice(input, t, config)));
  const out: string[] = [];
  for (let i = 0; orders.some((o) => i < o.length); i++)
    for (const order of orders) if (order[i] && !out.includes(order[i] as string)) out.push(order[i] as string);
  return out;
}

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
 * The page of each niche's cached list a surprise screens, from its seed: a niche's one Product Finder page (100 ASINs)
 * serves the next surprises that pick it with products they have not seen, and a replayed seed sees the same ones. A
 * short list wraps around, so every surprise still finds products.
 */
const nichePage = (seed: number) => ({
  number: 1 + (seed % Math.floor(DEFAULT_PER_PAGE / NICHE_PRODUCTS_PER_SLOT.max)),
  size: NICHE_PRODUCTS_PER_SLOT.max,
  wrap: true,
});

/** A niche's products score with the niche's strategy; the request may choose the condition and cost model. */
const nicheChoice = (
  input: NichesInput,
  template: NicheTemplate,
  config: ScoringConfig | undefined,
): ScoreViewOptions => ({
  strategy: template.strategy,
  sellCondition: input.sellCondition,
  costModel: input.costModel,
  config,
});

/**
 * GET|POST /niches/discover ("Surprise me", surprise_me): `count` curated niches, each one Product Finder page (shared
 * with the niches of the same categories whose ranges it joins, niche-lists.ts) and 10 screened products, as the
 * original scored, then the best `count` of them verified with live offers, all inside the action's budget
 * (count 3 → 3 × 11 + 3 × 10 = 63, + 3 verifications × 12 = 99 of 100 tokens).
 */
export async function planSurprise(input: NichesInput, deps: PlanningDeps): Promise<PlannedAction> {
  const domain = input.domain ?? deps.domain;
  const seed = input.seed ?? randomInt(2 ** 31 - 1);
  const templates = chooseTemplates(input, seed);
  const prepared = await prepareRun({
    cache: deps.cache,
    domain,
    slots: templates.map((t) => nicheSlot(t)),
    budget: deps.budget("surprise_me"),
    perSlot: NICHE_PRODUCTS_PER_SLOT,
    forceRefresh: input.forceRefresh,
    page: nichePage(seed),
    verify: { max: input.count, rank: (products) => rankAcrossNiches(input, templates, products, deps.scoring) },
  });
  const run = (client: SpendingClient) =>
    answerRun(deps, prepared, client, (result) => {
      const summaries = result.slots.map((slot, i) => {
        const template = templates[i] as NicheTemplate;
        return summarizeNiche(template, slot, nicheChoice(input, template, deps.scoring), currencyOf(domain));
      });
      const { niches, skipped } = split(summaries);
      const notRun = templates
        .slice(prepared.plan.slots)
        .map((t) => ({ id: t.id, name: t.name, reason: "not covered by the token budget (see plan)" }));
      return {
        niches,
        nichesCount: niches.length,
        skipped: [...skipped, ...notRun],
        requested: {
          count: input.count,
          strategy: input.strategy ?? null,
          seed,
          shuffle: input.shuffle,
          sellCondition: input.sellCondition ?? null,
          costModel: costModelEcho(input.costModel),
        },
        metadata: { mode: "auto", source: "curated_templates" },
      };
    });
  return { action: "surprise_me", plan: prepared.plan, run };
}
