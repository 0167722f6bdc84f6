import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

/**
 * Baseline (b): @upstash/ratelimit's token bucket on the same Redis (through the same bridge), sized like the Keepa
 * plan: `rate` tokens per minute, capacity 60 × rate. It has no notion of Keepa's real balance: a new bucket is full.
 * Defaults kept (ephemeral cache on, 5 s fail-open timeout), as an adopter would run it.
 */
export function upstashBucket(url: string, token: string, prefix: string, ratePerMinute: number): Ratelimit {
  const redis = new Redis({ url, token, enableTelemetry: false });
  return new Ratelimit({
    redis,
    prefix,
    analytics: false,
    limiter: Ratelimit.tokenBucket(ratePerMinute, "60 s", 60 * ratePerMinute),
  });
}
