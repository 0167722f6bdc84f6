import type { Context } from "@netlify/functions";

export type TestContext = Context & {
  /** Resolves once everything handed to waitUntil (activity rows, Sentry flushes) has settled. */
  settled(): Promise<void>;
};

/** The parts of Netlify's v2 Context our functions use, for calling handlers directly. */
export function fakeContext(overrides: Partial<Context> = {}): TestContext {
  const pending: Promise<unknown>[] = [];
  return {
    requestId: `test-${Math.random().toString(36).slice(2, 10)}`,
    params: {},
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    settled: async () => void (await Promise.allSettled(pending)),
    ...overrides,
  } as unknown as TestContext;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
