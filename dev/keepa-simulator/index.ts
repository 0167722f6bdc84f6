export { DEV_KEEPA_KEY, KeepaSimulator, startKeepaSimulator } from "./server.ts";
export type { KeyConfig, RunningSimulator, SimClockMode, SimulatorOptions } from "./server.ts";
export { DEFAULT_COSTS, type CostTable } from "./costs.ts";
export { SHARED_EAN, type CatalogueSpecials } from "./catalogue.ts";
export { CATEGORY_NODES, BOOKS_ROOT } from "./categories.ts";
export { fromKeepaMinutes, toKeepaMinutes } from "./keepa-time.ts";
export type { LogEntry } from "./log.ts";
export type { FaultConfig } from "./faults.ts";
