// The in-process simulator: token buckets, catalogue, faults and the Keepa request pipeline
// (route → auth → validate → fault → admit → execute → settle), independent of HTTP.
import { TokenBucket } from "./bucket.ts";
import { Catalogue, DEFAULT_CATALOGUE_SIZE } from "./catalogue.ts";
import { SimClock, type SimClockMode } from "./clock.ts";
import { type CostTable, mergeCosts } from "./costs.ts";
import { emptyEnvelope, envelope, errorBody } from "./envelope.ts";
import { type FaultConfig, Faults } from "./faults.ts";
import { toKeepaMinutes } from "./keepa-time.ts";
import { hashKey, type LogEntry } from "./log.ts";
import { DEV_KEEPA_KEY, type KeyConfig, type SimulatorOptions } from "./options.ts";
import { ValidationError } from "./params.ts";
import { hashParts, mulberry32, type Rng } from "./random.ts";
import { ROUTES } from "./routes/index.ts";
import type { EndpointName, LatencyKey, PreparedRequest } from "./routes/types.ts";

export type SimRequest = { method: string; path: string; params: URLSearchParams; body: string };
export type SimResponse = { status: number; body: Record<string, unknown>; drop: boolean; holdMs: number };

export type KeyState = ReturnType<TokenBucket["snapshot"]> & { key: string; now: number; nowKeepaMinutes: number };

type Admitted = { bucket: TokenBucket; entry: LogEntry; endpoint: EndpointName; prepared: PreparedRequest };

export class KeepaSimulator {
  readonly clock: SimClock;
  readonly catalogue: Catalogue;
  readonly costs: CostTable;
  private readonly keys = new Map<string, TokenBucket>();
  private readonly initialKeys: Record<string, KeyConfig>;
  private readonly faults = new Faults();
  private readonly latencyMs: Partial<Record<LatencyKey, number>>;
  private readonly chargeAt: "complete" | "admit";
  private readonly seed: number;
  private latencyRng: Rng;
  private log: LogEntry[] = [];
  private seq = 0;
  private externalKey: string | null = null;

  constructor(options: SimulatorOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = new SimClock(options.clock ?? { mode: "real" });
    // Histories end at the hour the simulator starts, so a fixed manual start gives fixed bytes.
    const anchorMinute = toKeepaMinutes(this.clock.now());
    this.catalogue = new Catalogue(
      this.seed,
      options.catalogueSize ?? DEFAULT_CATALOGUE_SIZE,
      anchorMinute - (anchorMinute % 60),
    );
    this.costs = mergeCosts(options.costs);
    this.initialKeys = options.keys ?? { [DEV_KEEPA_KEY]: { rate: 20 } };
    this.latencyMs = options.latencyMs ?? {};
    this.chargeAt = options.chargeAt ?? "complete";
    this.latencyRng = mulberry32(hashParts("latency", this.seed));
    this.createInitialKeys();
  }

  now(): number {
    return this.clock.now();
  }

  /** Manual clock only: moves simulated time forward; refills apply lazily on the next read. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  setClock(mode: SimClockMode, scale?: number): void {
    this.clock.setMode(mode, scale);
  }

  addKey(key: string, config: KeyConfig): void {
    this.keys.set(key, new TokenBucket({ ...config, anchorMs: this.now() }));
  }

  hasKey(key: string): boolean {
    return this.keys.has(key);
  }

  removeKey(key: string): void {
    this.keys.delete(key);
  }

  setBalance(balance: number, key: string = DEV_KEEPA_KEY): void {
    if (!Number.isFinite(balance)) throw new Error(`balance must be finite, got ${balance}`);
    this.bucketAtNow(key).setBalance(balance);
  }

  setRate(rate: number, key: string = DEV_KEEPA_KEY): void {
    this.bucketAtNow(key).setRate(rate);
  }

  setTokenFlowReduction(reduction: number, key: string = DEV_KEEPA_KEY): void {
    this.bucketAtNow(key).setTokenFlowReduction(reduction);
  }

  state(key: string = DEV_KEEPA_KEY): KeyState {
    const bucket = this.bucketAtNow(key);
    const now = this.now();
    return { key: hashKey(key), ...bucket.snapshot(now), now, nowKeepaMinutes: toKeepaMinutes(now) };
  }

  getLog(): LogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  getFaults(): ReturnType<Faults["snapshot"]> & {
    externalConsumer: { key: string; tokensPerMinute: number; allowNegative: boolean } | null;
  } {
    const bucket = this.externalKey ? this.keys.get(this.externalKey) : undefined;
    const ext = bucket?.external;
    return {
      ...this.faults.snapshot(),
      externalConsumer: ext && this.externalKey ? { key: hashKey(this.externalKey), ...ext } : null,
    };
  }

  setFaults(config: FaultConfig): void {
    if (config.externalConsumer !== undefined) this.setExternalConsumer(config.externalConsumer);
    this.faults.apply(config);
  }

  clearFaults(): void {
    this.faults.clear();
    this.setExternalConsumer(null);
  }

  /** Back to the configured keys (balances at cap, ticks re-anchored now), empty log, no faults. */
  reset(overrides: Partial<KeyConfig> & { key?: string } = {}): void {
    this.clearFaults();
    this.keys.clear();
    this.createInitialKeys();
    this.log = [];
    this.seq = 0;
    this.latencyRng = mulberry32(hashParts("latency", this.seed));
    const key = overrides.key ?? DEV_KEEPA_KEY;
    if (overrides.rate !== undefined && !this.keys.has(key)) this.addKey(key, { rate: overrides.rate });
    if (overrides.rate !== undefined) this.setRate(overrides.rate, key);
    if (overrides.tokenFlowReduction !== undefined) this.setTokenFlowReduction(overrides.tokenFlowReduction, key);
    if (overrides.rate !== undefined || overrides.tokenFlowReduction !== undefined)
      this.bucketAtNow(key).setBalance(Number.POSITIVE_INFINITY);
    if (overrides.balance !== undefined) this.setBalance(overrides.balance, key);
    this.resetCounters(key);
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const at = this.now();
    const keyParam = req.params.get("key");
    const bucket = keyParam === null ? undefined : this.keys.get(keyParam);
    const entry = this.newEntry(req, at, keyParam);
    if (req.path === "/token") {
      // Faults reach /token only when it is listed explicitly (faults.ts decides); then it fails like any endpoint.
      const failure = bucket ? this.faults.takeFailure("token") : null;
      if (failure !== null) {
        entry.fault = "fail";
        return this.finish(
          entry,
          this.reply(bucket, failure, errorBody("internalServerError", "Simulated server failure.", null)),
          bucket,
        );
      }
      return this.finish(entry, this.tokenResponse(bucket, at), bucket);
    }
    const route = ROUTES[req.path];
    if (!route)
      return this.finish(entry, this.reply(bucket, 404, errorBody("notFound", "Unknown path.", req.path)), bucket);
    entry.endpoint = route.name;
    if (!route.methods.includes(req.method as "GET" | "POST")) {
      return this.finish(
        entry,
        this.reply(bucket, 405, errorBody("methodNotAllowed", `Method ${req.method} not allowed.`, req.method)),
        bucket,
      );
    }
    if (!bucket)
      return this.finish(
        entry,
        this.reply(undefined, 402, errorBody("paymentRequired", "Invalid api key", null)),
        undefined,
      );
    bucket.requests++;
    let prepared: PreparedRequest;
    try {
      prepared = route.prepare(req.params, req.body);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return this.finish(entry, this.reply(bucket, 400, errorBody(err.type, err.message, err.details)), bucket);
    }
    return this.admitAndRun({ bucket, entry, endpoint: route.name, prepared });
  }

  private async admitAndRun(a: Admitted): Promise<SimResponse> {
    const failure = this.faults.takeFailure(a.endpoint);
    if (failure !== null) {
      a.entry.fault = "fail";
      return this.finish(
        a.entry,
        this.reply(a.bucket, failure, errorBody("internalServerError", "Simulated server failure.", null)),
        a.bucket,
      );
    }
    const at = a.entry.at;
    a.bucket.advance(at);
    a.entry.balanceBefore = a.bucket.balance;
    if (a.bucket.balance <= 0) {
      a.bucket.rejected429++;
      return this.finish(
        a.entry,
        this.reply(a.bucket, 429, errorBody("tooManyRequests", "Not enough tokens.", null)),
        a.bucket,
      );
    }
    a.entry.admitted = true;
    const { payload, cost } = a.prepared.run({ catalogue: this.catalogue, costs: this.costs, nowMs: at });
    const latency = this.latencyFor(a.prepared.latencyKey);
    const timeout = this.faults.takeTimeout(a.endpoint);
    const drop = timeout ? false : this.faults.takeDrop(a.endpoint);
    const charged = timeout ? timeout.charge : true;
    if (this.chargeAt === "admit" && charged) a.bucket.charge(cost);
    if (latency > 0) await sleep(this.clock.realDelayFor(latency));
    const done = this.now();
    a.bucket.advance(done);
    if (this.chargeAt === "complete" && charged) a.bucket.charge(cost);
    a.entry.cost = charged ? cost : 0;
    a.entry.fault = timeout ? "timeout" : drop ? "drop" : null;
    const body = { ...envelope(a.bucket, done, a.entry.cost, latency), ...payload };
    return this.finish(a.entry, { status: 200, body, drop, holdMs: timeout ? timeout.holdMs : 0 }, a.bucket);
  }

  private tokenResponse(bucket: TokenBucket | undefined, at: number): SimResponse {
    if (!bucket) return this.reply(undefined, 402, errorBody("paymentRequired", "Invalid api key", null));
    bucket.requests++;
    bucket.advance(at);
    return { status: 200, body: { ...envelope(bucket, at, this.costs.token, 0) }, drop: false, holdMs: 0 };
  }

  private reply(bucket: TokenBucket | undefined, status: number, error: Record<string, unknown>): SimResponse {
    const now = this.now();
    bucket?.advance(now);
    const env = bucket ? envelope(bucket, now, 0, 0) : emptyEnvelope(now);
    return { status, body: { ...env, ...error }, drop: false, holdMs: 0 };
  }

  private finish(entry: LogEntry, response: SimResponse, bucket: TokenBucket | undefined): SimResponse {
    entry.status = response.status;
    entry.completedAt = this.now();
    entry.balanceAfter = bucket ? bucket.balance : null;
    this.log.push(entry);
    return response;
  }

  private newEntry(req: SimRequest, at: number, key: string | null): LogEntry {
    const known = key !== null && this.keys.has(key);
    return {
      seq: ++this.seq,
      at,
      completedAt: at,
      method: req.method,
      path: req.path,
      endpoint: req.path === "/token" ? "token" : null,
      key: key === null ? null : hashKey(key),
      cost: 0,
      admitted: false,
      status: 0,
      balanceBefore: known ? (this.keys.get(key)?.balance ?? null) : null,
      balanceAfter: null,
      fault: null,
      items: (req.params.get("asin") ?? req.params.get("code") ?? "").split(",").filter((id) => id !== "").length,
      offers: Number(req.params.get("offers") ?? 0) > 0,
    };
  }

  /** Seeded jitter around the configured mean (0.5×–1.5×), so a fixed schedule replays identically. */
  private latencyFor(key: LatencyKey): number {
    const mean = this.latencyMs[key] ?? 0;
    if (mean <= 0) return 0;
    return Math.round(mean * (0.5 + this.latencyRng()));
  }

  private bucketAtNow(key: string): TokenBucket {
    const bucket = this.keys.get(key);
    if (!bucket) throw new Error(`unknown simulator key ${hashKey(key)}`);
    bucket.advance(this.now());
    return bucket;
  }

  private setExternalConsumer(config: FaultConfig["externalConsumer"]): void {
    if (this.externalKey) {
      const previous = this.keys.get(this.externalKey);
      if (previous) {
        previous.advance(this.now());
        previous.external = null;
      }
    }
    this.externalKey = null;
    if (!config) return;
    const key = config.key ?? DEV_KEEPA_KEY;
    if (!(config.tokensPerMinute >= 0)) throw new Error("externalConsumer.tokensPerMinute must be >= 0");
    const bucket = this.bucketAtNow(key);
    bucket.external = { tokensPerMinute: config.tokensPerMinute, allowNegative: config.allowNegative ?? false };
    this.externalKey = key;
  }

  private createInitialKeys(): void {
    for (const [key, config] of Object.entries(this.initialKeys)) this.addKey(key, config);
  }

  private resetCounters(key: string): void {
    const bucket = this.keys.get(key);
    if (!bucket) return;
    bucket.minBalance = bucket.balance;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
