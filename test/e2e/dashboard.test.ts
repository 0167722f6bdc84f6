// The token dashboard in a real browser (Debian's Chromium via playwright-core) against the real local stack:
// `netlify dev --offline` serving public/ and the functions, the Keepa simulator behind them. Loads the page, enters
// the key, runs a search, sees the results, drains the simulator and sees the 429 as a sentence whose numbers are
// the response's X-Token-Balance / X-Token-Required / Retry-After; then /docs renders the OpenAPI document with
// Swagger UI from /vendor. Every API answer the page or the test receives is checked against the contract.
// Screenshots: test-results/dashboard/*.png and test-results/docs/*.png.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import { launchChromium, requireChromium } from "./dashboard/browser.ts";
import type { Browser } from "./dashboard/browser.ts";
import { watchContract } from "./dashboard/contract.ts";
import { startStack } from "./dashboard/stack.ts";
import type { Stack } from "./dashboard/stack.ts";

const SHOTS = new URL("../../test-results/dashboard/", import.meta.url).pathname;
const DOCS_SHOTS = new URL("../../test-results/docs/", import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Enough for one search to fit: a Product Finder page (11) plus 10 products (10). */
const SEARCH_BUDGET = 25;
/** Tokens the ledger keeps back from interactive actions (INTERACTIVE_FLOOR, set explicitly below). */
const FLOOR = 10;
/** What the simulator is drained to: above the floor, so the refusal names a non-zero "available" (5). */
const DRAINED_BALANCE = 15;
/**
 * How old a snapshot may be before the ledger re-reads Keepa's balance (SNAPSHOT_STALE_MS): short, so the drain is
 * noticed at the next request, yet long enough that on a loaded CI machine the reserve right after a bootstrap's
 * sync still finds it fresh.
 */
const STALE_MS = 2500;

/** expect.poll with room for netlify dev's first, lazily bundled call of each function and a poll cycle (5 s). */
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 12_000, interval: 100 });

let stack: Stack | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

function isSearch(response: Response): boolean {
  return (
    response.request().method() === "POST" &&
    new URL(response.url()).pathname === "/api/v1/products/discover_with_scoring"
  );
}

/** Clicks Search and returns the API's answer the page received. */
async function search(): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(isSearch, { timeout: 20_000 }),
    page.getByRole("button", { name: "Search", exact: true }).click(),
  ]);
  return response;
}

beforeAll(async () => {
  requireChromium(); // a missing browser fails the file with the install instruction, before anything starts
  for (const dir of [SHOTS, DOCS_SHOTS]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  [stack, browser] = await Promise.all([
    startStack({
      // The ledger re-reads Keepa's balance (free /token) when its snapshot is older than STALE_MS, so it notices
      // the drain at the next request as it would notice another consumer after SNAPSHOT_STALE_MS in production.
      SNAPSHOT_STALE_MS: String(STALE_MS),
      TOKEN_COSTS_OVERRIDE: JSON.stringify({ manual_search: { cost: SEARCH_BUDGET } }),
      INTERACTIVE_FLOOR: String(FLOOR),
    }),
    launchChromium(DESKTOP),
  ]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(String(error)));
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("token dashboard in Chromium", () => {
  it("shows the budget, runs a search, then shows the 429 as a sentence with the response's numbers", async () => {
    const s = stack!;
    const contract = watchContract(page);
    try {
      await page.goto(`${s.base}/`);
      await until(() => page.title()).toContain("ArbitrageVault");

      // The key, entered once: kept in sessionStorage, sent as a Bearer token.
      await page.getByLabel("API key", { exact: true }).fill(LOCAL_API_KEY);
      await page.getByRole("button", { name: "Use key" }).click();
      const meter = page.getByRole("meter", { name: "Available tokens" });
      await until(() => meter.getAttribute("aria-valuemax")).toBe("1200");
      await until(() => page.locator("#available").textContent()).toBe("1,200");
      expect(await page.evaluate(() => sessionStorage.getItem("arbitragevault.apiKey"))).toBe(LOCAL_API_KEY);
      await until(() => page.locator("#breaker-state").textContent()).toContain("Closed");
      await until(() => page.locator("#rate").textContent()).toBe("20 / min");
      // The jobs endpoint is deployed and this file's database is fresh: the panel says so, not "Not available".
      const jobsApi = await contract.fetch(`${s.base}/api/v1/autosourcing/jobs`, {
        headers: { authorization: `Bearer ${LOCAL_API_KEY}` },
      });
      expect(jobsApi.status).toBe(200);
      expect(((await jobsApi.json()) as { items: unknown[] }).items).toEqual([]);
      await until(() => page.locator("#jobs").textContent()).toBe("No AutoSourcing jobs have run yet.");
      await until(() => page.locator("#category option").count()).toBeGreaterThan(1);
      await shot("01-dashboard");

      // Surprise me: niche cards, each with its top books.
      await page.getByLabel("Number of niches").selectOption("2");
      const [niches] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/niches/discover",
          { timeout: 20_000 },
        ),
        page.getByRole("button", { name: "Surprise me" }).click(),
      ]);
      expect(niches.status()).toBe(200);
      const picked = (await niches.json()) as { niches: { name: string }[] };
      await until(() => page.locator("#results article.niche").count()).toBe(picked.niches.length);
      if (picked.niches[0])
        expect(await page.locator("#results article.niche h3").first().textContent()).toContain(picked.niches[0].name);
      await shot("02-surprise-me");

      // A search that the budget covers: scored rows, and the tokens it reserved and spent.
      await page.getByLabel("Max results").fill("10");
      const ok = await search();
      expect(ok.status()).toBe(200);
      const found = (await ok.json()) as { products: { asin: string }[]; tokens: { reserved: number; spent: number } };
      expect(found.products.length).toBeGreaterThan(0);
      const rows = page.getByRole("table", { name: "Search results" }).locator("tbody tr");
      await until(() => rows.count()).toBe(found.products.length);
      expect(await rows.first().getAttribute("data-asin")).toBe(found.products[0]!.asin);
      expect(found.tokens.spent).toBeGreaterThan(0);
      await until(() => page.locator("#results .summary").textContent()).toContain(`Reserved ${found.tokens.reserved}`);
      // The next poll shows what Keepa (the simulator) now holds, and the request with what it reserved and spent.
      const held = s.sim.sim.state().balance;
      await until(() => page.locator("#available").textContent()).toBe(held.toLocaleString("en-US"));
      const requestRows = page.getByRole("table", { name: "Last requests" }).locator("tbody tr");
      const { reserved, spent } = found.tokens;
      await until(() => requestRows.first().textContent()).toMatch(
        new RegExp(`manual search\\s*200\\s*${reserved}\\s*${spent}`),
      );
      await shot("03-results");

      // A /product call that fails after Keepa charged it: 200 with what was paid for, and the page names the cut
      // (a failed Keepa call, not "the budget") so the operator knows a retry, not a bigger budget, is the fix.
      s.sim.sim.setFaults({ dropAfterChargeNext: 1, endpoints: ["product"] });
      try {
        await page.getByLabel("Category").selectOption({ label: "Business & Money" });
        const cut = await search();
        expect(cut.status()).toBe(200);
        const partial = (await cut.json()) as { partial: boolean; cuts: { reason: string; step: string }[] };
        expect(partial.partial).toBe(true);
        expect(partial.cuts[0]).toMatchObject({ reason: "keepa_error", step: "details" });
        const summary = page.locator("#results .summary");
        await until(() => summary.textContent()).toContain("partial: a Keepa request failed during details");
        expect(await summary.textContent()).not.toContain("budget");
      } finally {
        s.sim.sim.clearFaults();
      }
      await shot("03b-partial");

      // Someone else drains the key. A different search (an identical one would be served from cache for 0 tokens)
      // is refused before Keepa is called, and the page says so in numbers.
      s.sim.sim.setBalance(DRAINED_BALANCE);
      const spendingBefore = s.sim.sim.getLog().filter((entry) => entry.path !== "/token").length;
      await page.waitForTimeout(STALE_MS + 100);
      await page.getByLabel("Category").selectOption({ label: "Computers & Technology" });
      const refused = await search();
      expect(refused.status()).toBe(429);
      const headers = refused.headers();
      const problem = (await refused.json()) as { reason: string; detail: string };
      expect(problem.reason).toBe("insufficient");
      const balance = Number(headers["x-token-balance"]);
      const required = Number(headers["x-token-required"]);
      const retryAfter = Number(headers["retry-after"]);
      expect(balance).toBe(DRAINED_BALANCE - FLOOR);
      expect(required).toBeGreaterThan(balance);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThan(120);
      const sentence = `${balance} tokens available, ${required} needed — retry in ${retryAfter} s.`;
      const alert = page.locator("#search-error");
      await until(() => alert.isVisible()).toBe(true);
      expect(await alert.getAttribute("role")).toBe("alert");
      expect(await page.locator("#search-error-text").textContent()).toBe(sentence);
      expect(problem.detail).toBe(sentence); // the page's composition agrees with the API's own wording
      await until(() => page.locator("#search-error-wait").textContent()).toMatch(/^You can retry in \d+ s\.$/);
      // Nothing spent.
      expect(s.sim.sim.getLog().filter((entry) => entry.path !== "/token").length).toBe(spendingBefore);
      // The gauge follows the drained balance, and the refusal is listed with its reason.
      await until(() => page.locator("#available").textContent()).toBe(String(DRAINED_BALANCE));
      await until(() => requestRows.first().textContent()).toContain("insufficient");
      await shot("04-refused");

      // Phone width: one column, no sideways scrolling of the page itself.
      await page.setViewportSize(PHONE);
      await until(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shot("05-phone-full");
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot("06-phone-top", false);
      await alert.scrollIntoViewIfNeeded();
      await shot("07-phone-refusal", false);
      await page.setViewportSize(DESKTOP);

      // A refused key: the page asks for it again.
      await page.getByRole("button", { name: "Change key" }).click();
      await page.getByLabel("API key", { exact: true }).fill("av_wrong_0000000000000000000000000000");
      await page.getByRole("button", { name: "Use key" }).click();
      await until(() => page.locator("#key-error").textContent()).toContain("401");
      expect(await page.evaluate(() => sessionStorage.getItem("arbitragevault.apiKey"))).toBeNull();
      await shot("08-key-refused", false);

      expect(pageErrors).toEqual([]);
      expect(await contract.violations()).toEqual([]);
      expect(contract.checked()).toBeGreaterThan(10);
    } catch (error) {
      await shot("failure").catch(() => undefined);
      throw new Error(`${(error as Error).message}\n--- server output (tail) ---\n${s.output().slice(-2500)}`, {
        cause: error,
      });
    } finally {
      contract.stop();
    }
  }, 90_000);
});

describe("API reference at /docs", () => {
  it("renders /api/v1/openapi.json with Swagger UI from /vendor, asking no other origin", async () => {
    const s = stack!;
    await page.goto("about:blank"); // the dashboard's polls end here, before this test's watch begins
    const contract = watchContract(page);
    const elsewhere: string[] = [];
    const onRequest = (request: { url: () => string }) => {
      const url = new URL(request.url());
      if (url.protocol !== "data:" && url.origin !== s.base) elsewhere.push(request.url());
    };
    page.on("request", onRequest);
    try {
      await page.setViewportSize(DESKTOP);
      const [documentAnswer] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/openapi.json"),
        page.goto(`${s.base}/docs`),
      ]);
      expect(documentAnswer.status()).toBe(200);
      const served = (await documentAnswer.json()) as { paths: Record<string, Record<string, { summary?: string }>> };
      await until(() => page.locator(".swagger-ui .info .title").textContent()).toContain("ArbitrageVault API");
      // Operations render, with their summaries and operation ids (the typed client's names).
      const readiness = served.paths["/api/v1/health/ready"]!.get!.summary!;
      await until(() => page.locator(".opblock-summary-description", { hasText: readiness }).count()).toBe(1);
      expect(await page.locator(".opblock").count()).toBeGreaterThanOrEqual(Object.keys(served.paths).length);
      await page.getByText("getReadiness", { exact: true }).first().waitFor();
      await page.screenshot({ path: join(DOCS_SHOTS, "01-docs.png"), fullPage: false });
      // One operation opened: its responses, problems included, come from the same document.
      await page.locator(".opblock-summary", { hasText: "getReadiness" }).first().click();
      await until(() => page.locator(".opblock.is-open .responses-table").count()).toBeGreaterThan(0);
      expect(await page.locator(".opblock.is-open .response-col_status").allTextContents()).toEqual(
        expect.arrayContaining(["200", "503"]),
      );
      await page.screenshot({ path: join(DOCS_SHOTS, "02-operation.png"), fullPage: false });
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(await contract.violations()).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: join(DOCS_SHOTS, "failure.png") }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n--- server output (tail) ---\n${s.output().slice(-2500)}`, {
        cause: error,
      });
    } finally {
      page.off("request", onRequest);
      contract.stop();
    }
  }, 60_000);
});
