import type { Catalogue } from "../catalogue.ts";
import type { CostTable } from "../costs.ts";
import type { Params } from "../params.ts";

export type EndpointName = "token" | "product" | "query" | "bestsellers" | "category" | "search" | "deal";
export type LatencyKey = "token" | "product" | "offers" | "query" | "bestsellers" | "category" | "search" | "deal";

export type RouteContext = { catalogue: Catalogue; costs: CostTable; nowMs: number };
export type Execution = { payload: Record<string, unknown>; cost: number };

/** A validated request: validation happens before admission, execution after it. */
export type PreparedRequest = { latencyKey: LatencyKey; run(ctx: RouteContext): Execution };

export type Route = {
  name: EndpointName;
  methods: readonly ("GET" | "POST")[];
  /** Throws ValidationError for invalid parameters (→ 400, no charge). */
  prepare(params: Params, body: string): PreparedRequest;
};
