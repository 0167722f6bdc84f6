import { problems } from "../../shared/index.ts";
import { planVerifyPurchase } from "../../sourcing/index.ts";
import type { VerifyPurchaseBody } from "../../sourcing/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import { spendPlanned } from "../guard.ts";
import type { Runtime } from "../runtime.ts";
import { withScoringSettings } from "./settings.ts";

/**
 * POST /api/v1/products/:asin/verify — "verify before buying" (verify_purchase): a fresh fetch with live offers,
 * compared with the seller's saved numbers; OK / CHANGED / AVOID and today's score.
 */
export async function verifyPurchase(
  { body }: { body: VerifyPurchaseBody | undefined },
  ctx: EndpointContext<Runtime>,
): Promise<Response> {
  if (body === undefined) throw problems.badRequest("Send a JSON body with the numbers you saved.");
  const { deps, versioned } = await withScoringSettings(ctx);
  return spendPlanned(ctx, versioned(await planVerifyPurchase(pathParam(ctx, "asin"), body, deps)));
}

/** A path parameter as typed: percent-decoded when the platform hands it over encoded (an ISBN has no `%`). */
function pathParam(ctx: EndpointContext<Runtime>, name: string): string | undefined {
  const raw = ctx.netlify.params?.[name];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
