import type { Operation } from "../operation.ts";
import { analysisOperations } from "./analysis.ts";
import { autosourcingOperations } from "./autosourcing.ts";
import { fallbackOperations, healthOperations } from "./health.ts";
import { keepaOperations } from "./keepa.ts";
import { nichesOperations } from "./niches.ts";
import { picksOperations } from "./picks.ts";
import { productsOperations } from "./products.ts";
import { reviewOperations } from "./review.ts";
import { settingsOperations } from "./settings.ts";
import { tokensOperations } from "./tokens.ts";
import { webhooksOperations } from "./webhooks.ts";

let built: readonly Operation[] | undefined;

/**
 * Every operation of the API, in the order the document lists them; built on the first call, like every schema in
 * them (docs/architecture.md, "Cold start"): only the contract's function and its tests need them.
 */
export const operations = (): readonly Operation[] =>
  (built ??= [
    ...healthOperations(),
    ...tokensOperations(),
    ...keepaOperations(),
    ...productsOperations(),
    ...nichesOperations(),
    ...reviewOperations(),
    ...picksOperations(),
    ...analysisOperations(),
    ...autosourcingOperations(),
    ...webhooksOperations(),
    ...settingsOperations(),
    ...fallbackOperations(),
  ]);
