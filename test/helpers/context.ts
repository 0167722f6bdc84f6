import type { Context } from "@netlify/functions";

/** The parts of Netlify's v2 Context our functions use, for calling handlers directly. */
export function fakeContext(overrides: Partial<Context> = {}): Context {
  const pending: Promise<unknown>[] = [];
  return {
    requestId: `test-${Math.random().toString(36).slice(2, 10)}`,
    params: {},
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    ...overrides,
  } as unknown as Context;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
