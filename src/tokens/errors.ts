/** Infrastructure failures of the ledger. Expected outcomes (denials) are results, never errors. */
export type LedgerErrorCode = "unavailable" | "corrupt";

export class LedgerError extends Error {
  override readonly name: string = "LedgerError";
  readonly code: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get isLedgerError(): true {
    return true;
  }
}

/** A reservation whose reserve call failed in transit and may exist in Redis. */
export type LostReservation = { id: string; quotaKey?: string };

/** Redis unreachable, slow or refusing: the ledger fails closed. */
export class LedgerUnavailableError extends LedgerError {
  override readonly name = "LedgerUnavailableError";
  /**
   * Set when a reserve failed in transit: Redis may still have run it, so the caller releases this id (a no-op
   * when it was never created) rather than leave a lease to be charged at expiry; with the quota counter to refund.
   */
  readonly lost: LostReservation | undefined;
  constructor(message: string, options?: { cause?: unknown; lost?: LostReservation }) {
    super("unavailable", message, options);
    this.lost = options?.lost;
  }
}

/** Redis answered something that is not the tuple a script returns. */
export class LedgerCorruptError extends LedgerError {
  override readonly name = "LedgerCorruptError";
  constructor(message: string) {
    super("corrupt", message);
  }
}

export function isLedgerError(error: unknown): error is LedgerError {
  return typeof error === "object" && error !== null && (error as { isLedgerError?: unknown }).isLedgerError === true;
}
