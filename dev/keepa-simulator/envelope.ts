// The token envelope Keepa puts at the top of every JSON body, in Keepa's own key order.
import type { TokenBucket } from "./bucket.ts";

export type Envelope = {
  timestamp: number;
  tokensLeft: number;
  refillIn: number;
  refillRate: number;
  tokenFlowReduction: number;
  tokensConsumed: number;
  processingTimeInMs: number;
};

export function envelope(
  bucket: TokenBucket,
  nowMs: number,
  tokensConsumed: number,
  processingTimeInMs: number,
): Envelope {
  return {
    timestamp: nowMs,
    tokensLeft: bucket.balance,
    refillIn: bucket.refillIn(nowMs),
    refillRate: bucket.effRate,
    tokenFlowReduction: bucket.tokenFlowReduction,
    tokensConsumed,
    processingTimeInMs,
  };
}

/** For requests without a valid key there is no bucket to report. */
export function emptyEnvelope(nowMs: number): Envelope {
  return {
    timestamp: nowMs,
    tokensLeft: 0,
    refillIn: 0,
    refillRate: 0,
    tokenFlowReduction: 0,
    tokensConsumed: 0,
    processingTimeInMs: 0,
  };
}

export type ErrorBody = { type: string; message: string; details: string | null };

export function errorBody(type: string, message: string, details: string | null = null): { error: ErrorBody } {
  return { error: { type, message, details } };
}
