import type { AppConfig } from "../shared/config.ts";
import { isLocalKeepa } from "../shared/keepa.ts";

/**
 * Local mode only (no Keepa key, Keepa on loopback): the fixed secret `npm run dev` works with. Never accepted when a
 * real Keepa key is configured, the same rule as the local API key.
 */
export const LOCAL_INTERNAL_SECRET = "arbitragevault-local-internal-signing-secret";

export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
}

/** The key signing scheduler → worker requests. */
export function internalSecret(config: AppConfig): string {
  if (config.INTERNAL_SIGNING_SECRET !== undefined) return config.INTERNAL_SIGNING_SECRET;
  if (isLocalKeepa(config)) return LOCAL_INTERNAL_SECRET;
  throw new MissingSecretError("INTERNAL_SIGNING_SECRET is not set: the scheduler cannot hand jobs to the worker");
}

/** The key outgoing completion webhooks are signed with; undefined = none configured. */
export function completionSecret(config: AppConfig): string | undefined {
  return config.COMPLETION_WEBHOOK_SECRET ?? config.WEBHOOK_SECRET;
}
