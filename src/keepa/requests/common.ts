import { KeepaError } from "../errors/keepa-error.ts";
import type { KeepaCall, KeepaReply } from "../transport.ts";
import type { KeepaEndpoint, TokenEnvelope } from "../types.ts";

/** Sends one call through admission, retry and settlement (bound by `createKeepaClient`). */
export type Send = <T>(call: KeepaCall<T>) => Promise<KeepaReply<T>>;

/** Every result carries the envelope of the (last) response and its local receive time. */
export type Enveloped = { envelope: TokenEnvelope; receivedAt: number };

/** Keepa domain ids (docs/keepa.md#domains): 7 is reserved, 12 (com.br) has no bestsellers. */
export const KEEPA_DOMAINS: readonly number[] = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];

/** A caller mistake caught before sending: no tokens, no meter call. */
export function invalidParams(endpoint: KeepaEndpoint, message: string): KeepaError {
  return new KeepaError("bad_request", `Keepa /${endpoint} not sent: ${message}`, { endpoint, sent: false });
}

export function checkDomain(endpoint: KeepaEndpoint, domain: number): string {
  if (!KEEPA_DOMAINS.includes(domain)) throw invalidParams(endpoint, `unknown domain ${domain}`);
  return String(domain);
}

/** 0/1 flag parameters, left out when unset so Keepa's own default applies. */
export function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? "1" : "0";
}

/** Drop undefined values so they are not sent as the string "undefined". */
export function compact(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) out[name] = value;
  return out;
}
