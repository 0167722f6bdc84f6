import { KeepaBudgetError } from "../../keepa/errors/budget-error.ts";
import type { KeepaMeter } from "../../keepa/types.ts";

/**
 * A meter that admits nothing. A plan that costs 0 tokens (everything from cache) runs on it without any reservation,
 * so a bug that would send a Keepa request anyway fails loudly instead of spending unreserved tokens.
 */
export const closedMeter: KeepaMeter = {
  admit: (request) => {
    throw new KeepaBudgetError(`Keepa /${request.endpoint} refused: this work was planned at 0 tokens`, { endpoint: request.endpoint });
  },
  settle: () => undefined,
};
