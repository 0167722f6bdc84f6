import type { TokenEnvelope } from "../keepa/types.ts";
import type { KeepaSnapshot } from "./types.ts";

/** A snapshot only when Keepa told us everything the ledger needs: a missing field is unknown, never 0. */
export function snapshotOf(envelope: TokenEnvelope | undefined, receivedAt: number): KeepaSnapshot | undefined {
  if (!envelope) return undefined;
  const { tokensLeft, refillIn, refillRate, timestamp } = envelope;
  if (tokensLeft === undefined || refillIn === undefined || refillRate === undefined || timestamp === undefined) return undefined;
  return { tokensLeft, refillIn, refillRate, timestamp, receivedAt };
}
