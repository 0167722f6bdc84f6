// Scripted faults for resilience tests: failures, held responses, dropped-after-charge sockets and
// a second consumer draining the same key.
import type { EndpointName } from "./routes/types.ts";

export type ExternalConsumerConfig = { key?: string; tokensPerMinute: number; allowNegative?: boolean };

export type FaultConfig = {
  failNext?: number;
  status?: 500 | 503;
  timeoutNext?: number;
  timeoutMs?: number;
  timeoutCharge?: boolean;
  dropAfterChargeNext?: number;
  externalConsumer?: ExternalConsumerConfig | null;
  /** Endpoints the request faults apply to; default: every endpoint except /token. */
  endpoints?: EndpointName[] | null;
};

export type FaultState = {
  failNext: number;
  status: 500 | 503;
  timeoutNext: number;
  timeoutMs: number;
  timeoutCharge: boolean;
  dropAfterChargeNext: number;
  endpoints: EndpointName[] | null;
};

const count = (value: unknown, name: string): number => {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be an integer >= 0`);
  return value;
};

export class Faults {
  private state: FaultState = Faults.initial();

  static initial(): FaultState {
    return {
      failNext: 0,
      status: 500,
      timeoutNext: 0,
      timeoutMs: 30_000,
      timeoutCharge: true,
      dropAfterChargeNext: 0,
      endpoints: null,
    };
  }

  /** Merges `config` into the current faults; throws on invalid input before changing anything. */
  apply(config: FaultConfig): void {
    const next = { ...this.state };
    if (config.failNext !== undefined) next.failNext = count(config.failNext, "failNext");
    if (config.status !== undefined) {
      if (config.status !== 500 && config.status !== 503) throw new Error("status must be 500 or 503");
      next.status = config.status;
    }
    if (config.timeoutNext !== undefined) next.timeoutNext = count(config.timeoutNext, "timeoutNext");
    if (config.timeoutMs !== undefined) next.timeoutMs = count(config.timeoutMs, "timeoutMs");
    if (config.timeoutCharge !== undefined) next.timeoutCharge = Boolean(config.timeoutCharge);
    if (config.dropAfterChargeNext !== undefined)
      next.dropAfterChargeNext = count(config.dropAfterChargeNext, "dropAfterChargeNext");
    if (config.endpoints !== undefined) next.endpoints = config.endpoints;
    this.state = next;
  }

  clear(): void {
    this.state = Faults.initial();
  }

  snapshot(): FaultState {
    return { ...this.state };
  }

  private applies(endpoint: EndpointName): boolean {
    return this.state.endpoints ? this.state.endpoints.includes(endpoint) : endpoint !== "token";
  }

  takeFailure(endpoint: EndpointName): 500 | 503 | null {
    if (this.state.failNext <= 0 || !this.applies(endpoint)) return null;
    this.state.failNext--;
    return this.state.status;
  }

  takeTimeout(endpoint: EndpointName): { holdMs: number; charge: boolean } | null {
    if (this.state.timeoutNext <= 0 || !this.applies(endpoint)) return null;
    this.state.timeoutNext--;
    return { holdMs: this.state.timeoutMs, charge: this.state.timeoutCharge };
  }

  takeDrop(endpoint: EndpointName): boolean {
    if (this.state.dropAfterChargeNext <= 0 || !this.applies(endpoint)) return false;
    this.state.dropAfterChargeNext--;
    return true;
  }
}
