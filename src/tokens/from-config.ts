import { getConfig } from "../shared/config.ts";
import { getRedis } from "../shared/redis.ts";
import { costRegistry } from "./costs.ts";
import type { CostRegistry } from "./costs.ts";
import { TokenLedger } from "./ledger.ts";

let cached: { key: string; ledger: TokenLedger; registry: CostRegistry } | undefined;

function current() {
  const config = getConfig();
  const key = JSON.stringify([config.UPSTASH_REDIS_REST_URL, config.LEDGER_PREFIX, config.INTERACTIVE_FLOOR, config.BATCH_RESERVE_FRACTION, config.SNAPSHOT_STALE_MS, config.TRUST_PROJECTED_REFILLS, config.TOKEN_COSTS_OVERRIDE]);
  if (cached?.key !== key) {
    const ledger = new TokenLedger({
      redis: getRedis(),
      prefix: config.LEDGER_PREFIX,
      interactiveFloor: config.INTERACTIVE_FLOOR,
      batchReserveFraction: config.BATCH_RESERVE_FRACTION,
      staleAfterMs: config.SNAPSHOT_STALE_MS,
      trustProjectedRefills: config.TRUST_PROJECTED_REFILLS,
    });
    cached = { key, ledger, registry: costRegistry(config.TOKEN_COSTS_OVERRIDE) };
  }
  return cached;
}

/** This deployment's ledger (one per warm instance; all state lives in Redis). */
export function getLedger(): TokenLedger {
  return current().ledger;
}

/** TOKEN_COSTS with this deployment's override applied. */
export function getCostRegistry(): CostRegistry {
  return current().registry;
}
