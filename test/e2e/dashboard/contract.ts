// The e2e half of the contract check: every API response the browser receives (Playwright's "response" event) and
// every one the test fetches itself is validated against the OpenAPI document, and a test ends by asserting that
// none broke it. The handler-level tap (test/setup/contract-tap.ts) cannot see these: they cross netlify's server.
import type { Page, Response as PlaywrightResponse } from "playwright-core";
import { contractViolation } from "../../helpers/contract.ts";

export type ContractWatch = {
  /** `fetch`, with the answer checked against the contract like the browser's. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Waits for the checks still running; every violation seen so far, with the request that got it. */
  violations: () => Promise<string[]>;
  /** How many API responses were checked (a watch that saw nothing proves nothing). */
  checked: () => number;
  /** Stops listening to the page (a page shared by several tests gets one watch per test). */
  stop: () => void;
};

/** The answers the contract describes: the API, and the liveness probe beside it. */
const isApiPath = (path: string) => path.startsWith("/api/") || path === "/health";

/** Statuses whose answers have no body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

async function fromPlaywright(response: PlaywrightResponse): Promise<Response> {
  const status = response.status();
  const body = NO_BODY.has(status) || (status >= 300 && status < 400) ? null : await response.body();
  const headers = new Headers();
  for (const { name, value } of await response.headersArray()) headers.append(name, value);
  return new Response(body === null ? null : new Uint8Array(body), { status, headers });
}

/** Starts watching `page` (when given) and returns the watch; call once per test, before the page loads. */
export function watchContract(page?: Page): ContractWatch {
  const pending: Promise<void>[] = [];
  const found: string[] = [];
  let count = 0;
  const check = (method: string, url: string, response: () => Promise<Response>) => {
    const path = new URL(url).pathname;
    if (!isApiPath(path)) return;
    count += 1;
    const done = response()
      .then((answer) => contractViolation({ path, method }, answer))
      .then((violation) => void (violation === undefined || found.push(`${method} ${path}: ${violation}`)))
      .catch((error: unknown) => {
        // A poll answered as the page navigated away: the browser dropped its body, so there is nothing to check.
        if (String(error).includes("navigated away")) count -= 1;
        else found.push(`${method} ${path}: could not be checked: ${String(error)}`);
      });
    pending.push(done);
  };
  const listener = (response: PlaywrightResponse) =>
    check(response.request().method(), response.url(), () => fromPlaywright(response));
  page?.on("response", listener);
  return {
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      check(init?.method ?? "GET", url, async () => response.clone());
      return response;
    },
    violations: async () => {
      await Promise.all(pending);
      return [...found];
    },
    checked: () => count,
    stop: () => void page?.off("response", listener),
  };
}
