// The simulator never reads Date.now() directly: every time read goes through SimClock so tests
// can drive refills exactly (manual) and benchmarks can compress hours into minutes (scaled).

export type SimClockMode = "real" | "scaled" | "manual";

export type ClockOptions = { mode: SimClockMode; scale?: number; startMs?: number };

/** Fixed default start for manual clocks, so identical runs produce identical timestamps. */
export const DEFAULT_MANUAL_START_MS = Date.UTC(2026, 9, 1, 0, 0, 0);

export class SimClock {
  private mode: SimClockMode = "real";
  private scale = 1;
  private baseSimMs = 0;
  private baseRealMs = 0;

  constructor(
    options: ClockOptions = { mode: "real" },
    private readonly realNow: () => number = Date.now,
  ) {
    const start = options.startMs ?? (options.mode === "manual" ? DEFAULT_MANUAL_START_MS : realNow());
    this.configure(options.mode, options.scale, start);
  }

  now(): number {
    if (this.mode === "manual") return this.baseSimMs;
    return this.baseSimMs + Math.floor((this.realNow() - this.baseRealMs) * this.scale);
  }

  getMode(): SimClockMode {
    return this.mode;
  }

  getScale(): number {
    return this.scale;
  }

  /** Switching modes keeps the current simulated instant, so time never jumps backwards. */
  setMode(mode: SimClockMode, scale?: number): void {
    this.configure(mode, scale, this.now());
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    if (this.mode !== "manual") throw new Error("advance(ms) only works with a manual clock");
    this.baseSimMs += Math.floor(ms);
  }

  /** Real milliseconds to wait for `simMs` of simulated time (manual clocks wait in real time). */
  realDelayFor(simMs: number): number {
    if (this.mode === "scaled") return simMs / this.scale;
    return simMs;
  }

  private configure(mode: SimClockMode, scale: number | undefined, startMs: number): void {
    const effectiveScale = mode === "scaled" ? (scale ?? 60) : 1;
    if (!(effectiveScale > 0)) throw new Error(`clock scale must be > 0, got ${scale}`);
    this.mode = mode;
    this.scale = effectiveScale;
    this.baseSimMs = Math.floor(startMs);
    this.baseRealMs = this.realNow();
  }
}
