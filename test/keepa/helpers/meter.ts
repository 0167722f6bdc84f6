import type { KeepaEndpoint, KeepaExchange, KeepaMeter } from "../../../src/keepa/types.ts";

export type RecordingMeter = KeepaMeter & {
  admits: { endpoint: KeepaEndpoint; estimate: number }[];
  settles: KeepaExchange[];
  /** admit/settle calls in order, e.g. ["admit", "settle", "admit", "settle"]. */
  calls: string[];
};

/** A meter that records every call; `refuse` makes admit throw it. */
export function recordingMeter(refuse?: () => Error | undefined): RecordingMeter {
  const meter: RecordingMeter = {
    admits: [],
    settles: [],
    calls: [],
    admit(request) {
      meter.calls.push("admit");
      meter.admits.push(request);
      const error = refuse?.();
      if (error) throw error;
    },
    settle(exchange) {
      meter.calls.push("settle");
      meter.settles.push(exchange);
    },
  };
  return meter;
}
