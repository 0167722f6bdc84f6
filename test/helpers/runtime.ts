import { createRuntime, loadConfig } from "../../src/app/index.ts";
import type { Runtime, RuntimeOverrides } from "../../src/app/index.ts";

/**
 * A runtime built the way the composition root builds it, from this file's stack (test/setup/per-file.ts) plus
 * the variables and parts a test wants instead: a clock, a dispatcher, another prefix. Nothing global changes.
 */
export function testRuntime(overrides: RuntimeOverrides & { vars?: Record<string, string | undefined> } = {}): Runtime {
  const { vars, ...parts } = overrides;
  const env = { ...process.env, ...vars };
  return createRuntime(loadConfig(env), { env, ...parts });
}

/** The Redis client of this file's stack (the production client, through the bridge). */
export const testRedis = () => testRuntime().redis;
