// The /__sim control API: inspect and steer the simulator over HTTP (no Keepa key needed).
import { CATEGORY_NODES } from "./categories.ts";
import type { SimClockMode } from "./clock.ts";
import type { FaultConfig } from "./faults.ts";
import { DEV_KEEPA_KEY } from "./options.ts";
import type { KeepaSimulator } from "./simulator.ts";

export type ControlResult = { status: number; body: unknown };

type StateUpdate = {
  key?: string;
  balance?: number;
  rate?: number;
  tokenFlowReduction?: number;
  clock?: { mode: SimClockMode; scale?: number };
  advanceMs?: number;
};

const CLOCK_MODES: readonly SimClockMode[] = ["real", "scaled", "manual"];

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error("body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function num(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${name} must be a finite number`);
  return value;
}

function updateState(sim: KeepaSimulator, update: StateUpdate): void {
  const key = update.key ?? DEV_KEEPA_KEY;
  if (update.clock) {
    if (!CLOCK_MODES.includes(update.clock.mode))
      throw new Error(`clock.mode must be one of ${CLOCK_MODES.join(", ")}`);
    sim.setClock(update.clock.mode, num(update.clock.scale, "clock.scale"));
  }
  const advanceMs = num(update.advanceMs, "advanceMs");
  if (advanceMs !== undefined) sim.advance(advanceMs);
  const rate = num(update.rate, "rate");
  if (!sim.hasKey(key)) sim.addKey(key, { rate: rate ?? 20 });
  else if (rate !== undefined) sim.setRate(rate, key);
  const reduction = num(update.tokenFlowReduction, "tokenFlowReduction");
  if (reduction !== undefined) sim.setTokenFlowReduction(reduction, key);
  const balance = num(update.balance, "balance");
  if (balance !== undefined) sim.setBalance(balance, key);
}

function catalogueFacts(sim: KeepaSimulator): unknown {
  const cat = sim.catalogue;
  return {
    seed: cat.seed,
    size: cat.entries.length,
    anchorKeepaMinute: cat.anchorMinute,
    specials: cat.specials,
    categories: CATEGORY_NODES.map((n) => ({
      catId: n.catId,
      name: n.name,
      parent: n.parent,
      products: cat.membersOf(n.catId).length,
    })),
    costs: sim.costs,
  };
}

function route(
  sim: KeepaSimulator,
  method: string,
  path: string,
  params: URLSearchParams,
  body: string,
): ControlResult {
  const key = params.get("key") ?? DEV_KEEPA_KEY;
  switch (`${method} ${path}`) {
    case "GET /__sim/state":
      return { status: 200, body: stateBody(sim, key) };
    case "POST /__sim/state": {
      const update = parseJson(body) as StateUpdate;
      updateState(sim, update);
      return { status: 200, body: stateBody(sim, update.key ?? key) };
    }
    case "POST /__sim/reset": {
      const json = parseJson(body);
      sim.reset({
        key: json.key as string | undefined,
        balance: num(json.balance, "balance"),
        rate: num(json.rate, "rate"),
        tokenFlowReduction: num(json.tokenFlowReduction, "tokenFlowReduction"),
      });
      return { status: 200, body: stateBody(sim, (json.key as string | undefined) ?? key) };
    }
    case "GET /__sim/log":
      return { status: 200, body: { entries: sim.getLog() } };
    case "GET /__sim/faults":
      return { status: 200, body: sim.getFaults() };
    case "POST /__sim/faults":
      sim.setFaults(parseJson(body) as FaultConfig);
      return { status: 200, body: sim.getFaults() };
    case "DELETE /__sim/faults":
      sim.clearFaults();
      return { status: 200, body: sim.getFaults() };
    case "GET /__sim/catalogue":
      return { status: 200, body: catalogueFacts(sim) };
    default:
      return {
        status: 404,
        body: { error: { type: "notFound", message: `Unknown control route ${method} ${path}`, details: null } },
      };
  }
}

function stateBody(sim: KeepaSimulator, key: string): unknown {
  return { ...sim.state(key), clock: { mode: sim.clock.getMode(), scale: sim.clock.getScale() } };
}

export function handleControl(
  sim: KeepaSimulator,
  method: string,
  path: string,
  params: URLSearchParams,
  body: string,
): ControlResult {
  try {
    return route(sim, method, path, params, body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { status: 400, body: { error: { type: "invalidControlRequest", message, details: null } } };
  }
}
