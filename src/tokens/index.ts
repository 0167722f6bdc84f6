// The token ledger as a domain library: Lua in Redis behind a typed facade, budgets that meter Keepa calls,
// the reservation primitive, costs, locks. No HTTP here: src/app adapts it to requests (docs/token-ledger.md).
export {
  activityPage,
  balanceHistory,
  balanceHistoryPage,
  CursorError,
  recentActivity,
  recordActivity,
  recordBalance,
} from "./activity.ts";
export type { ActivityEntry, ActivityRow, BalancePoint, Page } from "./activity.ts";
export { incidentOf, watchedMeter } from "./alerts.ts";
export type { TokenIncident } from "./alerts.ts";
export { admit, bootstrapLedger } from "./bootstrap.ts";
export type { AdmitOutcome, BootstrapOptions, BootstrapOutcome } from "./bootstrap.ts";
export { TokenBudget } from "./budget.ts";
export type { BudgetOptions, BudgetSummary, ChargeMode } from "./budget.ts";
export { ACTION_NAMES, actionCost, costRegistry, TOKEN_COSTS } from "./costs.ts";
export type { ActionCost, ActionName, CostRegistry, TokenClass } from "./costs.ts";
export { isLedgerError, LedgerCorruptError, LedgerError, LedgerUnavailableError } from "./errors.ts";
export type { LedgerErrorCode, LostReservation } from "./errors.ts";
export { ledgerKeys, TokenLedger } from "./ledger.ts";
export type { LedgerKeys, LedgerOptions } from "./ledger.ts";
export { lockTtlMs, releaseLock, tryLock } from "./lock.ts";
export type { Lock } from "./lock.ts";
export { refusalSentence, retryAfterSeconds } from "./refusal.ts";
export { withReservation } from "./reservation.ts";
export type { SpendDeps, SpendOutcome, SpendRequest } from "./reservation.ts";
export { runScript, SCRIPTS } from "./transport.ts";
export type { LedgerScript, ScriptArg } from "./transport.ts";
export { DENIAL_REASONS, snapshotOf } from "./types.ts";
export type {
  ChargeInput,
  Denial,
  DenialReason,
  KeepaSnapshot,
  LedgerStatus,
  OpenReservation,
  Reservation,
  ReserveRequest,
  ReserveResult,
  SettleResult,
} from "./types.ts";
export { floorsFor, tokenView } from "./view.ts";
export type { Floors } from "./view.ts";
