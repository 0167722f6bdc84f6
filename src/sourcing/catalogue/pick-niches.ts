import { mulberry32 } from "../../shared/index.ts";
import { NICHE_TEMPLATES } from "./niches.ts";
import type { NicheTemplate } from "./niches.ts";
import type { StrategyName } from "../scoring/types.ts";

/** Reproducible shuffles of the 17 templates (tests and "replay this surprise"). */
export const seededRandom = mulberry32;

export type PickNichesOptions = {
  /** Only templates of this strategy. @default all strategies */
  strategy?: StrategyName;
  /** @default NICHE_TEMPLATES */
  templates?: readonly NicheTemplate[];
};

/**
 * "Surprise me": `count` distinct templates, deterministic for a seed (partial Fisher–Yates, never repeats).
 * Returns fewer than `count` when the filtered pool is smaller; a non-positive or non-integer count returns [].
 */
export function pickNiches(count: number, seed: number, options: PickNichesOptions = {}): NicheTemplate[] {
  const source = options.templates ?? NICHE_TEMPLATES;
  const pool = options.strategy === undefined ? [...source] : source.filter((t) => t.strategy === options.strategy);
  if (!Number.isInteger(count) || count <= 0) return [];
  const random = seededRandom(seed);
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as NicheTemplate, pool[i] as NicheTemplate];
  }
  return pool.slice(0, n);
}
