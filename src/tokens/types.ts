import type { ActionName, TokenClass } from "./costs.ts";
import type { TokenEnvelope } from "../keepa/index.ts";

/** A complete Keepa token envelope with the local time it arrived (the refill anchor). */
export type KeepaSnapshot = {
  tokensLeft: number;
  refillIn: number;
  refillRate: number;
  /** Keepa server time, Unix ms: orders snapshots from different instances. */
  timestamp: number;
  /** Local Date.now() when the response arrived. */
  receivedAt: number;
};

/** Why a reservation was refused: the literal union, and the list the facade checks replies against. */
export const DENIAL_REASONS = [
  "insufficient",
  "class_floor",
  "upstream_blocked",
  "exceeds_capacity",
  "state_unknown",
  "stale",
  "quota",
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export type ReserveRequest = {
  action: ActionName;
  cost: number;
  class: TokenClass;
  /** Longer than the function's maximum run time: a lease outliving its holder means the holder crashed. */
  leaseMs: number;
  holder: string;
  quota?: { apiKeyId: string; dailyLimit: number };
};

export type Reservation = {
  allowed: true;
  id: string;
  action: ActionName;
  class: TokenClass;
  cost: number;
  /** What this class may still spend after the reservation (integer, floored). */
  balanceAfter: number;
  capacity: number;
  rate: number;
  /** Tokens this class had to leave untouched (interactive floor or batch reserve). */
  floor: number;
  quotaKey?: string;
  /**
   * Admitted against what Keepa confirmed while a refill tick since the snapshot is not (refills untrusted): the
   * caller should learn the balance through the free /token, off the request's path (admit's `background`).
   */
  refresh?: true;
};

export type Denial = {
  allowed: false;
  reason: DenialReason;
  action: ActionName;
  /** Tokens this class may spend now (integer ≥ 0): available minus the class floor. */
  balance: number;
  /** The projected balance minus open reservations, unclamped (may be negative). */
  available: number;
  required: number;
  deficit: number;
  retryAfterMs: number;
  capacity: number;
  rate: number;
  floor: number;
};

export type ReserveResult = Reservation | Denial;

export type ChargeInput = {
  /** Unique per Keepa exchange: applying the same charge twice is a no-op. */
  key: string;
  consumed: number;
  snapshot?: KeepaSnapshot;
  /** No envelope came back (timeout, dropped connection): `consumed` is the estimate, debited until a resync. */
  uncertain?: boolean;
};

export type SettleResult = {
  found: boolean;
  charged: boolean;
  released: number;
  spent: number;
  remaining: number;
  applied: boolean;
};

export type OpenReservation = {
  id: string;
  action: ActionName;
  class: TokenClass;
  holder: string;
  reserved: number;
  remaining: number;
  spent: number;
  expiresAt: number;
};

export type LedgerStatus = {
  known: boolean;
  now: number;
  /** Projected Keepa balance (refills applied, capped), before reservations; null when unknown. */
  projected: number | null;
  available: number | null;
  reserved: number;
  rate: number | null;
  capacity: number | null;
  nextRefillAt: number | null;
  keepaTimestamp: number | null;
  syncedAt: number | null;
  breaker: { open: boolean; blockedUntil: number | null; reason: string | null };
  needsResync: boolean;
  reservations: OpenReservation[];
};

/** A snapshot only when Keepa told us everything the ledger needs: a missing field is unknown, never 0. */
export function snapshotOf(envelope: TokenEnvelope | undefined, receivedAt: number): KeepaSnapshot | undefined {
  if (!envelope) return undefined;
  const { tokensLeft, refillIn, refillRate, timestamp } = envelope;
  if (tokensLeft === undefined || refillIn === undefined || refillRate === undefined || timestamp === undefined)
    return undefined;
  return { tokensLeft, refillIn, refillRate, timestamp, receivedAt };
}
