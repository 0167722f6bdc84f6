import type { NormalizedProduct } from "../../keepa/index.ts";
import { problems } from "../../shared/index.ts";
import { parseProductIdentifier } from "../catalogue/identifiers.ts";
import type { ProductIdentifier } from "../catalogue/identifiers.ts";
import { VERIFY_UNIT_COST } from "../pipeline/details.ts";
import { planLookup } from "../pipeline/plan.ts";
import type { Plan } from "../pipeline/plan.ts";
import type { PlannedAction, PlanningDeps, SpendingClient } from "../pipeline/types.ts";
import type { CostModel } from "../scoring/types.ts";
import { checkPurchase, PURCHASE_CHECK_THRESHOLDS, purchaseMessage, todayFacts } from "../scoring/purchase-check.ts";
import { scoredView } from "../scoring/view.ts";
import type { ScoredProductView } from "../scoring/view.ts";
import { costModelEcho, scoringChoice } from "./economics-inputs.ts";
import { fetchOne } from "./lookup.ts";
import type { VerifyPurchaseBody } from "./verify-inputs.ts";

/** The `:asin` path parameter: an ASIN, ISBN-10 or ISBN-13, or a 400 saying what is wrong with it. */
function identifierOrThrow(raw: string | undefined): ProductIdentifier {
  const parsed = parseProductIdentifier(raw ?? "");
  if ("error" in parsed)
    throw problems.badRequest("Invalid path: asin.", { errors: [{ field: "asin", message: parsed.error }] });
  return parsed;
}

/**
 * Always one fresh product with live offers: a verification of what the cache says would verify nothing. Reserved at
 * its upper bound (`offers=20` is at most 2 offer pages of 6); a budget that cannot pay for the offers cannot verify,
 * so the plan does not fit (422) rather than falling back to a 1-token screen.
 */
export function planPurchaseCheck(budget: number): Plan {
  const plan = planLookup(budget, "none", VERIFY_UNIT_COST);
  const fresh = "always fetched fresh: the product cache is written, never read, for the decision";
  if (plan.verify.planned === 1 && plan.fits) return { ...plan, notes: [...plan.notes, fresh] };
  return {
    ...plan,
    fits: false,
    cost: 0,
    lookups: 0,
    minimumCost: VERIFY_UNIT_COST,
    verify: { ...plan.verify, planned: 0, cost: 0 },
    notes: [`budget ${budget} cannot pay for live offers (${VERIFY_UNIT_COST}): nothing to verify with`],
  };
}

/** The cost model the check scores with: the request's, else the seller's planned cost as a flat cost. */
function costModelOf(body: VerifyPurchaseBody): CostModel | undefined {
  if (body.costModel) return body.costModel;
  return body.costCents === undefined ? undefined : { model: "flatCents", cents: body.costCents };
}

/** The fetched product, or the answer that there is nothing to verify (cut in time: 503; unknown: 404). */
function productOrThrow(
  outcome: Awaited<ReturnType<typeof fetchOne>>,
  id: ProductIdentifier,
  domain: number,
): NormalizedProduct {
  const product = outcome.product;
  if (outcome.partial && product === undefined)
    throw problems.serviceUnavailable(
      `The product could not be fetched in time (${outcome.cut ?? "cut"}), so nothing was verified — retry in 30 s.`,
      30,
      "fetch_incomplete",
    );
  if (product === undefined)
    throw problems.notFound(`Keepa has no product ${id.input} on domain ${domain}: there is nothing to verify.`);
  if (product.dataQuality === "unavailable")
    throw problems.notFound(
      `Keepa has no data for ${id.input} on domain ${domain} (${product.warnings[0] ?? "unavailable"}): ` +
        "there is nothing to verify.",
    );
  return product;
}

/** Today's facts beside the seller's saved numbers, as the answer shows them. */
function comparison(body: VerifyPurchaseBody, score: ScoredProductView) {
  return {
    saved: {
      priceCents: body.priceCents ?? null,
      bsr: body.bsr ?? null,
      fbaCount: body.fbaCount ?? null,
      costCents: body.costCents ?? null,
    },
    today: {
      ...todayFacts(score),
      priceLive: score.sellPrice?.live ?? false,
      verified: score.verified,
      verifiedAt: score.verifiedAt,
    },
  };
}

type CheckRequest = { id: ProductIdentifier; body: VerifyPurchaseBody; costModel: CostModel | undefined; plan: Plan };

/** The answer's body: the verdict, each change, today's score and what it was checked against. */
function checkBody(request: CheckRequest, product: NormalizedProduct, score: ScoredProductView, now: number) {
  const { id, body, costModel, plan } = request;
  const check = checkPurchase(
    { priceCents: body.priceCents, bsr: body.bsr, fbaCount: body.fbaCount },
    todayFacts(score),
  );
  return {
    identifier: { input: id.input, kind: id.kind, asin: product.asin },
    asin: product.asin,
    currency: score.currency,
    verdict: check.verdict,
    // "You would pay more" only about a cost the seller chose, not the default share of the sell price.
    message: purchaseMessage(check, { ...score, buyPriceCents: costModel ? score.buyPriceCents : null }),
    checkedAt: new Date(now).toISOString(),
    ...comparison(body, score),
    changes: check.changes,
    checked: check.checked,
    thresholds: PURCHASE_CHECK_THRESHOLDS,
    costModel: costModelEcho(costModel),
    score,
    source: "keepa",
    plan,
    partial: false,
  };
}

/**
 * POST /products/:asin/verify (verify_purchase): the product fetched again with live offers (the result refreshes the
 * product cache), scored in the request's economics, and compared with the seller's saved numbers
 * (docs/economics.md#before-buying). Not found is a 404; a Keepa outage is answered as one by the problem table.
 */
export async function planVerifyPurchase(
  rawIdentifier: string | undefined,
  body: VerifyPurchaseBody,
  deps: PlanningDeps,
): Promise<PlannedAction> {
  const id = identifierOrThrow(rawIdentifier);
  const domain = body.domain ?? deps.domain;
  const plan = planPurchaseCheck(deps.budget("verify_purchase"));
  const costModel = costModelOf(body);
  const choice = {
    ...scoringChoice({ strategy: body.strategy, sellCondition: body.sellCondition, costModel }),
    config: deps.scoring,
  };
  const run = async (client: SpendingClient) => {
    const runtime = { ...client, cache: deps.cache, domain, now: deps.now };
    const product = productOrThrow(await fetchOne(runtime, id, { verify: true }), id, domain);
    const score = scoredView(product, choice);
    return {
      body: checkBody({ id, body, costModel, plan }, product, score, deps.now()),
      partial: false,
      cacheHits: { discovery: 0, products: 0 },
      productsFetched: 1,
      productsVerified: score.verified ? 1 : 0,
    };
  };
  return { action: "verify_purchase", plan, run };
}
