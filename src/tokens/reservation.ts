import type { KeepaClient } from "../keepa/index.ts";
import { log } from "../shared/index.ts";
import { admit } from "./bootstrap.ts";
import type { BootstrapOutcome } from "./bootstrap.ts";
import { TokenBudget } from "./budget.ts";
import type { BudgetSummary, ChargeMode } from "./budget.ts";
import { LedgerUnavailableError } from "./errors.ts";
import type { TokenLedger } from "./ledger.ts";
import type { Denial, Reservation, ReserveRequest } from "./types.ts";

export type SpendRequest = ReserveRequest & {
  /** @default "deferred" for interactive actions, "immediate" for batch (see TokenBudget) */
  chargeMode?: ChargeMode;
};

export type SpendDeps = {
  ledger: TokenLedger;
  /** A client with no meter, for the free /token when the ledger must learn the balance first. */
  keepaForSync: () => Pick<KeepaClient, "tokenStatus">;
  /**
   * Runs a task after the response is sent (Netlify's waitUntil): the settle then costs the caller no round trip, and
   * a request waits for one ledger call (reserve). The platform may never run it (the function is frozen or killed):
   * the reservation's lease covers that, charging the whole estimate when it expires. @default awaited inline
   */
  afterResponse?: (task: () => Promise<unknown>) => void;
};

/** How a reservation went: the work's value, its failure, or the ledger's denial — each with what the budget did. */
export type SpendOutcome<T> =
  | {
      reason: "done";
      value: T;
      reservation: Reservation;
      summary: BudgetSummary;
      bootstrap: BootstrapOutcome | "not_needed";
    }
  | {
      reason: "failed";
      error: unknown;
      reservation: Reservation;
      summary: BudgetSummary;
      bootstrap: BootstrapOutcome | "not_needed";
    }
  | { reason: "denied"; denial: Denial; bootstrap: BootstrapOutcome | "not_needed" };

/**
 * The one reservation primitive: reserve (learning the balance for free first when it is unknown), run `work` with
 * the reservation's budget as its Keepa meter, and always release — charging what Keepa said each call cost and
 * handing back the rest; with `afterResponse` the release runs after the response and the summary is what the
 * budget metered. A denial is a result, never an exception; only the store failing throws
 * (LedgerUnavailableError / LedgerCorruptError), and then no Keepa call is made.
 */
export async function withReservation<T>(
  deps: SpendDeps,
  request: SpendRequest,
  work: (budget: TokenBudget) => Promise<T>,
): Promise<SpendOutcome<T>> {
  const { chargeMode, ...reserve } = request;
  const admitted = await admitOrReleaseLost(deps, reserve);
  const { result: reservation, bootstrap } = admitted;
  if (!reservation.allowed) return { reason: "denied", denial: reservation, bootstrap };
  const budget = new TokenBudget({
    ledger: deps.ledger,
    reservation,
    leaseMs: request.leaseMs,
    ...(chargeMode ? { chargeMode } : {}),
  });
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work(budget) };
  } catch (error) {
    outcome = { error };
  }
  const summary = await settle(deps, budget);
  if ("error" in outcome) return { reason: "failed", error: outcome.error, reservation, summary, bootstrap };
  return { reason: "done", value: outcome.value, reservation, summary, bootstrap };
}

/** Releases now, or (with `afterResponse`) closes the budget now and releases after the response. */
async function settle(deps: SpendDeps, budget: TokenBudget): Promise<BudgetSummary> {
  if (!deps.afterResponse) return budget.releaseQuietly();
  const summary = budget.close();
  deps.afterResponse(() => budget.releaseQuietly());
  return summary;
}

/** A reserve lost in transit may still have run in Redis: release its id (a no-op if it never existed). */
async function admitOrReleaseLost(deps: SpendDeps, request: ReserveRequest) {
  try {
    // A refresh the admission asks for (a refill tick to confirm) runs after the response too.
    return await admit(deps.ledger, request, deps.keepaForSync, { background: deps.afterResponse });
  } catch (error) {
    const lost = error instanceof LedgerUnavailableError ? error.lost : undefined;
    if (lost) {
      const release = () =>
        deps.ledger
          .release(lost.id, lost.quotaKey ? { quotaKey: lost.quotaKey } : {})
          .catch((cause: unknown) =>
            log("warn", "lost reservation not released", { id: lost.id, error: String(cause) }),
          );
      if (deps.afterResponse) deps.afterResponse(release);
      else await release();
    }
    throw error;
  }
}
