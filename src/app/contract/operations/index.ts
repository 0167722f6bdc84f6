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

/** Every operation of the API, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = [
  ...healthOperations,
  ...tokensOperations,
  ...keepaOperations,
  ...productsOperations,
  ...nichesOperations,
  ...reviewOperations,
  ...picksOperations,
  ...analysisOperations,
  ...autosourcingOperations,
  ...webhooksOperations,
  ...settingsOperations,
  ...fallbackOperations,
];
