// The seller's day in a real browser (Debian's Chromium via playwright-core) against the real local stack: an
// AutoSourcing job leaves picks, the page shows today's review, a pick is marked to buy, the buy list shows it, and a
// verify before buying answers with its verdict; then a pasted list is analyzed, and a profile is run now. Every API
// answer the page or the test receives is checked against the contract. Screenshots: test-results/seller/*.png.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import { createTriggeredJob, runJob } from "../../src/autosourcing/index.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { launchChromium, requireChromium } from "./dashboard/browser.ts";
import type { Browser } from "./dashboard/browser.ts";
import { watchContract } from "./dashboard/contract.ts";
import type { ContractWatch } from "./dashboard/contract.ts";
import { startStack } from "./dashboard/stack.ts";
import type { Stack } from "./dashboard/stack.ts";

const SHOTS = new URL("../../test-results/seller/", import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 1000 };
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let stack: Stack | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** A profile saved through the API, and one job of it run to the end in this process against the same stack. */
async function seedPicks(s: Stack, contract: ContractWatch): Promise<number> {
  const response = await contract.fetch(`${s.base}/api/v1/autosourcing/profiles`, {
    method: "POST",
    headers: { authorization: `Bearer ${LOCAL_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Seller e2e",
      discovery: { categories: ["business"], bsrMin: 10_000, bsrMax: 400_000, maxResults: 30 },
      scoring: { strategy: "smart_velocity", minRoi: -100, minRecommendation: "SKIP", maxPicks: 20 },
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const profileId = ((await response.json()) as { profile: { id: string } }).profile.id;
  const { autosourcing } = testRuntime({ vars: { KEEPA_BASE_URL: s.sim.url } });
  const { job } = await createTriggeredJob(autosourcing.db, { profileId, trigger: "manual", now: Date.now() });
  const result = await runJob(job.id, { ...autosourcing, dispatch: async () => ({ sent: true, status: 202 }) });
  expect(result.ran).toBe(true);
  return (result as unknown as { outcome: { selected: number } }).outcome.selected;
}

beforeAll(async () => {
  requireChromium();
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startStack(), launchChromium(DESKTOP)]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(String(error)));
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the seller's day in Chromium", () => {
  it("review → mark to buy → buy list → verify, then analyze a list, then a profile's Run now", async () => {
    const s = stack!;
    const contract = watchContract(page);
    try {
      const picked = await seedPicks(s, contract);
      expect(picked).toBeGreaterThan(0);
      await page.goto(`${s.base}/`);
      await page.getByLabel("API key", { exact: true }).fill(LOCAL_API_KEY);
      await page.getByRole("button", { name: "Use key" }).click();

      // Today's review: one row per book the job picked, each classified, with the counts per class.
      const reviewRows = page.getByRole("table", { name: "Today's review" }).locator("tbody tr");
      await until(() => reviewRows.count()).toBe(picked);
      expect(await page.locator("#review-counts").textContent()).toMatch(/FLUKE \d+/);
      await reviewRows.first().click();
      await until(() => page.locator("#pick-detail").isVisible()).toBe(true);
      expect(await page.locator("#pick-detail").textContent()).toContain("Seen 1 time(s)");
      await shot("01-review");

      // Mark the first book to buy: the buy list shows it, with its numbers.
      const pickId = await reviewRows.first().getAttribute("data-pick");
      const title = await reviewRows.first().locator("td.title").textContent();
      await reviewRows.first().getByRole("button", { name: "To buy" }).click();
      const buyRows = page.getByRole("table", { name: "Buy list" }).locator("tbody tr");
      await until(() => buyRows.count()).toBe(1);
      expect(await buyRows.first().getAttribute("data-pick")).toBe(pickId);
      expect(await buyRows.first().locator("td.title").textContent()).toBe(title);
      await until(() => page.locator("#buylist-stats").textContent()).toContain("to buy 1");
      await shot("02-buy-list");

      // Verify before buying from the buy list: a fresh fetch with live offers, and a verdict.
      const spent = s.sim.sim.state().consumed;
      await buyRows.first().getByRole("button", { name: "Verify" }).click();
      await until(() => page.locator("#verify-result .verdict").getAttribute("data-verdict")).toMatch(
        /^(OK|CHANGED|AVOID)$/,
      );
      expect(s.sim.sim.state().consumed).toBeGreaterThan(spent);
      expect(await page.locator("#verify-result").textContent()).toContain("Today:");
      // A slower, earlier read (a function's first call) never paints over the newer counts.
      expect(await page.locator("#buylist-stats").textContent()).toContain("to buy 1");
      await shot("03-verify");

      // Analyze a pasted list: rows found, not found and invalid, each accounted for.
      const books = s.sim.sim.catalogue.entries.filter((e) => e.productType === 0 && e.salesRank > 0).slice(0, 3);
      const pasted = [...books.map((b) => b.asin), s.sim.sim.catalogue.specials.unknownAsin, "not-an-isbn"].join("\n");
      await page.getByLabel("Identifiers").fill(pasted);
      await page.getByRole("button", { name: "Analyze" }).click();
      const resultRows = page.getByRole("table", { name: "Analysis results" }).locator("tbody tr");
      await until(() => resultRows.count()).toBe(5);
      const statuses = await page.locator("#analyze-result td[data-label='Status']").allTextContents();
      expect(statuses.filter((t) => t === "found")).toHaveLength(3);
      expect(statuses).toContain("invalid");
      // Found rows show the scored book; the unknown one says why.
      expect(await resultRows.first().locator("td.title").textContent()).not.toBe("—");
      await shot("04-analyze");

      // A long list (150 books) runs in the background: 202, then progress until every row is done.
      const many = s.sim.sim.catalogue.entries.filter((e) => e.productType === 0 && e.salesRank > 0).slice(10, 160);
      await page.getByLabel("Identifiers").fill(many.map((b) => b.asin).join("\n"));
      await page.getByRole("button", { name: "Analyze" }).click();
      await until(() => page.locator("#analyze-progress").textContent()).toMatch(
        /^complete: 150 of 150 rows \(100 %\)/,
      );
      await until(() => resultRows.count()).toBe(150);
      await shot("05-analyze-background");

      // The saved profile with its next runs, and Run now: 202, a new job that the background worker runs.
      const profileRows = page.getByRole("table", { name: "AutoSourcing profiles" }).locator("tbody tr");
      await until(() => profileRows.count()).toBe(1);
      expect(await profileRows.first().textContent()).toMatch(/Seller e2e.*every 60 min/);
      const [ran] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/api/v1/autosourcing/jobs")),
        profileRows.first().getByRole("button", { name: "Run now" }).click(),
      ]);
      expect(ran.status()).toBe(202);
      await until(() => page.locator("#run-now-result").textContent()).toMatch(/^Job [0-9a-f-]{36} pending/);
      await shot("06-run-now");

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
  }, 120_000);
});
