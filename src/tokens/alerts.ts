import type { KeepaExchange, KeepaMeter } from "../keepa/index.ts";
import type { IncidentKind } from "../shared/index.ts";

export type TokenIncident = { kind: IncidentKind; message: string; extra: Record<string, unknown> };

/**
 * What an exchange says about the ledger's safety. Keepa answering 429 (the breaker trips) or a balance below zero
 * both mean tokens were spent that the ledger did not account for — an outside consumer of the key, or a cost
 * estimate that was too low. Ordinary refusals by our own ledger never get here: no request was sent.
 */
export function incidentOf(exchange: KeepaExchange): TokenIncident | undefined {
  const envelope = exchange.envelope ?? {};
  const extra = {
    endpoint: exchange.endpoint,
    status: exchange.status,
    tokensLeft: envelope.tokensLeft,
    refillIn: envelope.refillIn,
    refillRate: envelope.refillRate,
    estimate: exchange.estimate,
  };
  if (exchange.status === 429) {
    return {
      kind: "upstream_429",
      message: `Keepa answered 429 on /${exchange.endpoint} although the ledger admitted it: breaker tripped`,
      extra,
    };
  }
  if (envelope.tokensLeft !== undefined && envelope.tokensLeft < 0) {
    return {
      kind: "negative_balance",
      message: `Keepa balance is negative (${envelope.tokensLeft}) after /${exchange.endpoint}`,
      extra,
    };
  }
  return undefined;
}

/** Wraps the budget's meter: settles first (the breaker trips before anything else), then reports any incident. */
export function watchedMeter(meter: KeepaMeter, report: (incident: TokenIncident) => Promise<void>): KeepaMeter {
  return {
    admit: (request) => meter.admit(request),
    async settle(exchange) {
      await meter.settle(exchange);
      const incident = incidentOf(exchange);
      if (incident) await report(incident);
    },
  };
}
