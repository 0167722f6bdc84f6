import { TokenLedger } from "../../src/tokens/ledger.ts";
import type { LedgerOptions } from "../../src/tokens/ledger.ts";
import type { KeepaSnapshot } from "../../src/tokens/types.ts";
import { testRedis } from "./runtime.ts";

let counter = 0;

export type ManualClock = { t: number; now: () => number; advance(ms: number): void };

export function manualClock(start = 1_800_000_000_000): ManualClock {
  const clock: ManualClock = { t: start, now: () => clock.t, advance: (ms) => void (clock.t += ms) };
  return clock;
}

/**
 * A ledger on the real Redis (through the bridge) under a prefix no other test uses. Projected refills are trusted
 * unless a test says otherwise, so arithmetic tests can move the clock freely.
 */
export function testLedger(options: Partial<LedgerOptions> = {}): TokenLedger {
  counter += 1;
  return new TokenLedger({
    redis: testRedis(),
    prefix: `${process.env.LEDGER_PREFIX}:${counter}`,
    trustProjectedRefills: true,
    ...options,
  });
}

let keepaTs = 1_700_000_000_000;
/** A snapshot with a strictly increasing Keepa timestamp unless one is given. */
export function snapshot(fields: Partial<KeepaSnapshot> & { receivedAt: number }): KeepaSnapshot {
  keepaTs += 1000;
  return { tokensLeft: 100, refillIn: 30_000, refillRate: 20, timestamp: keepaTs, ...fields };
}
