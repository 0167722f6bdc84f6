import type { CostRegistry } from "./costs.ts";
import type { LedgerStatus, OpenReservation } from "./types.ts";

type Group = { count: number; reserved: number; remaining: number; spent: number };

function groupBy(reservations: OpenReservation[], key: (r: OpenReservation) => string): Record<string, Group> {
  const groups: Record<string, Group> = {};
  for (const r of reservations) {
    const group = (groups[key(r)] ??= { count: 0, reserved: 0, remaining: 0, spent: 0 });
    group.count += 1;
    group.reserved += r.reserved;
    group.remaining += r.remaining;
    group.spent += r.spent;
  }
  return groups;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The configured floors (INTERACTIVE_FLOOR, BATCH_RESERVE_FRACTION). */
export type Floors = { interactiveFloor: number; batchReserveFraction: number };

/**
 * The floors as token counts: what an interactive action leaves untouched, and what a batch action must leave.
 * The same formula reserve.lua applies; anything that predicts admission uses this, never a copy.
 */
export function floorsFor(floors: Floors, capacity: number | null) {
  const batch =
    capacity === null ? null : Math.max(floors.interactiveFloor, Math.ceil(floors.batchReserveFraction * capacity));
  return { interactive: floors.interactiveFloor, batch };
}

/** The operator's view of the budget: what the dashboard and /api/v1/tokens show. Costs nothing to compute. */
export function tokenView(status: LedgerStatus, registry: CostRegistry, floors: Floors) {
  const { rate, capacity, projected, available, now } = status;
  const toFullMs =
    rate && capacity !== null && projected !== null && status.nextRefillAt !== null && projected < capacity
      ? status.nextRefillAt - now + (Math.ceil((capacity - projected) / rate) - 1) * 60_000
      : projected !== null
        ? 0
        : null;
  return {
    known: status.known,
    now: iso(now),
    snapshot: {
      keepaTimestamp: iso(status.keepaTimestamp),
      syncedAt: iso(status.syncedAt),
      ageMs: status.syncedAt === null ? null : now - status.syncedAt,
    },
    balance: {
      projected,
      available: available === null ? null : Math.floor(available),
      reserved: status.reserved,
      capacity,
    },
    floors: floorsFor(floors, capacity),
    refill: {
      ratePerMinute: rate,
      nextRefillAt: iso(status.nextRefillAt),
      nextRefillInMs: status.nextRefillAt === null ? null : Math.max(0, status.nextRefillAt - now),
      timeToFullMs: toFullMs,
    },
    breaker: {
      open: status.breaker.open,
      reason: status.breaker.open ? status.breaker.reason : null,
      blockedUntil: status.breaker.open ? iso(status.breaker.blockedUntil) : null,
      retryInMs: status.breaker.open && status.breaker.blockedUntil ? status.breaker.blockedUntil - now : 0,
    },
    needsResync: status.needsResync,
    reservations: {
      open: status.reservations.length,
      byAction: groupBy(status.reservations, (r) => r.action),
      byClass: groupBy(status.reservations, (r) => r.class),
      list: status.reservations.map((r) => ({ ...r, expiresAt: iso(r.expiresAt) })),
    },
    costs: registry,
  };
}
