// Seeded, dependency-free randomness so the same seed always yields the same catalogue and latencies.

import { mulberry32 } from "../../src/shared/index.ts";
import type { Rng } from "../../src/shared/index.ts";

export { mulberry32 };
export type { Rng };

/** FNV-1a over the joined parts: derives independent streams (e.g. per ASIN) from one seed. */
export function hashParts(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u0001");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function rngFor(...parts: (string | number)[]): Rng {
  return mulberry32(hashParts(...parts));
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Log-uniform draw: ranks and prices spread over orders of magnitude like real marketplaces. */
export function logUniform(rng: Rng, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + rng() * (Math.log(max) - Math.log(min))));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from empty list");
  return item;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}
