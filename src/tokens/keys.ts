/** Every Redis key of the ledger, under one per-deployment prefix. */
export type LedgerKeys = {
  state: string;
  leases: string;
  reservations: string;
  chargeLog(reservationId: string): string;
  quota(apiKeyId: string, day: string): string;
  bootstrapLock: string;
};

export function ledgerKeys(prefix: string): LedgerKeys {
  const base = `${prefix}:tokens`;
  return {
    state: `${base}:state`,
    leases: `${base}:leases`,
    reservations: `${base}:reservations`,
    chargeLog: (id) => `${base}:charges:${id}`,
    quota: (apiKeyId, day) => `${prefix}:quota:${apiKeyId}:${day}`,
    bootstrapLock: `${base}:bootstrap-lock`,
  };
}
