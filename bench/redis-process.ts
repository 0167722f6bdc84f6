// The Redis stand-in in its own process (the Upstash bridge behind the round-trip counter), so the parent's event
// loop — which runs the Keepa simulator — never delays a ledger round trip, and vice versa.
import { LOCAL_REDIS_URL } from "../dev/services.ts";
import { startUpstashBridge } from "../dev/upstash-bridge.ts";
import { startRedisCounter } from "./lib/redis-counter.ts";

export type RedisProcessRequest = { type: "counts" | "reset" | "close"; id: number };

const bridge = await startUpstashBridge({ redisUrl: LOCAL_REDIS_URL, token: "bench-upstash-token" });
const counter = await startRedisCounter(bridge.url);
process.send?.({ type: "ready", url: counter.url, token: bridge.token });
process.on("message", (message: RedisProcessRequest) => {
  if (message.type === "counts") process.send?.({ type: "reply", id: message.id, counts: counter.counts() });
  if (message.type === "reset") {
    counter.reset();
    process.send?.({ type: "reply", id: message.id });
  }
  if (message.type === "close") {
    void Promise.all([counter.close(), bridge.close()]).finally(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
