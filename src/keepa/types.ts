import type { KeepaError } from "./errors/keepa-error.ts";

/**
 * The token fields Keepa puts in every JSON response (docs/token-ledger.md#token-envelope).
 * Every field is optional: missing means unknown, never 0 (keepacom/api_backend#25).
 */
export type TokenEnvelope = {
  /** Server time when the response was sent, Unix ms. */
  timestamp?: number;
  /** Balance after this request; may be negative and need not be an integer. */
  tokensLeft?: number;
  /** Ms until the next refill tick. */
  refillIn?: number;
  /** Tokens added per tick (per minute). */
  refillRate?: number;
  /** Tokens per minute removed by API trackings. */
  tokenFlowReduction?: number;
  /** Tokens charged by this call (0 on 429). */
  tokensConsumed?: number;
  processingTimeInMs?: number;
};

export type KeepaEndpoint = "token" | "product" | "query" | "bestsellers" | "category" | "search" | "deal";

/** One finished HTTP exchange (any status), or a transport failure after the request was admitted. */
export type KeepaExchange = {
  endpoint: KeepaEndpoint;
  /** The upper-bound cost that was admitted for this attempt. */
  estimate: number;
  status?: number;
  envelope?: TokenEnvelope;
  /** Local `now()` when the response arrived (or when the transport failed). */
  receivedAt: number;
  /** True when tokens may have been charged but the charge is unknown (timeout, dropped connection, no envelope). */
  maybeCharged: boolean;
  error?: KeepaError;
};

/**
 * What the token ledger plugs in.
 * `admit()` runs before every attempt is sent: throw (ideally a `KeepaBudgetError`) to stop it, and then nothing is
 * sent and `settle()` is not called. `settle()` runs exactly once after every admitted attempt, success or failure, 429
 * included.
 */
export type KeepaMeter = {
  admit(request: { endpoint: KeepaEndpoint; estimate: number }): Promise<void> | void;
  settle(exchange: KeepaExchange): Promise<void> | void;
};

/** Names of the per-endpoint timeout classes. */
export type KeepaTimeoutClass = "default" | "offers" | "token";

export type KeepaRetryOptions = {
  /**
   * Extra attempts after the first, only for failures that provably cost nothing
   * (5xx whose envelope says `tokensConsumed: 0`, or a connection refused before sending).
   * @default 2
   */
  limit?: number;
  /**
   * First backoff delay in ms; doubles per retry, with jitter in [50 %, 100 %], capped at 10 s.
   * @default 500
   */
  baseDelayMs?: number;
};

export type KeepaClientOptions = {
  /** Keepa API key. Sent only in the query string, never logged or put in an error. */
  apiKey: string;
  /** @default "https://api.keepa.com" */
  baseUrl?: string;
  /** Token ledger hooks, called around every attempt. @default no metering */
  meter?: KeepaMeter;
  /**
   * Per-class timeouts in ms, covering the whole exchange (headers and body).
   * @default { default: 20_000, offers: 60_000, token: 5_000 }
   */
  timeouts?: Partial<Record<KeepaTimeoutClass, number>>;
  /** @default { limit: 2, baseDelayMs: 500 } */
  retry?: KeepaRetryOptions;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Local clock for `receivedAt` and deadline checks. @default Date.now */
  now?: () => number;
  /**
   * Epoch ms after which no new attempt may start. An attempt whose timeout would end past it is refused before
   * sending (a `KeepaTransportError` of kind "timeout" with `sent: false`). @default no deadline
   */
  deadline?: () => number | undefined;
  /** Sleep used between retries (injectable for tests). @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
};
