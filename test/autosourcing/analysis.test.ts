// POST /api/v1/analyze end to end against real Postgres, Redis and the Keepa simulator: a small list answered at
// once behind the token guard; a 1,000-row list run in the background that the budget cuts, that resumes after a
// refill and ends with every row accounted for exactly once; a run killed mid-way resumed after its lease expired.
import { beforeEach, describe, expect, it } from "vitest";
import { isbn10CheckDigit, isbn10ToEan } from "../../dev/keepa-simulator/identifiers.ts";
import analyzeDoor from "../../netlify/functions/analyze.mts";
import resultsDoor from "../../netlify/functions/analysis-results.mts";
import workerDoor from "../../netlify/functions/analysis-run-background.mts";
import statusDoor from "../../netlify/functions/analysis-status.mts";
import { toRequest } from "../../src/autosourcing/index.ts";
import type { AnalysisTickSummary, AutosourcingDeps, JobRequest } from "../../src/autosourcing/index.ts";
import { closedMeter } from "../../src/sourcing/index.ts";
import { bootstrapLedger } from "../../src/tokens/index.ts";
import { revokeApiKey } from "../../src/app/index.ts";
import { withPgQuery } from "../../dev/pg-query.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { AUTH, bearer, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { createKey } from "../auth/helpers.ts";
import { capturingDeps, clearRedis, db, schedulerTick, testClock, withDeps } from "./helpers.ts";

const running = await useSimulator();

type Row = {
  row: number;
  input: string;
  identifier: { kind: string; asin: string | null; code: string | null } | null;
  status: string;
  reason: string | null;
  costCents: number | null;
  sellCondition: string;
  duplicateRows: number[];
  source: string | null;
  product: {
    asin: string;
    sellCondition: string;
    buyCost: { model: string; cents: number } | null;
    verified: boolean;
    recommendation: string;
  } | null;
};
type Progress = {
  total: number;
  done: number;
  found: number;
  notFound: number;
  invalid: number;
  skippedBudget: number;
  pending: number;
};
type Answer = {
  status: number;
  body: Record<string, unknown> & { results?: Row[]; progress: Progress; tokens?: { spent: number } };
  consumed: number;
  headers: Headers;
};

const books = () => running.sim.catalogue.entries.filter((e) => e.productType === 0 && /^\d{9}[\dX]$/.test(e.asin));

/** Valid ISBN-10s the simulator's catalogue does not hold (its books start with 0 or 1): Keepa has no product. */
const unknownIsbn10 = (i: number) => {
  const nine = `2${String(i).padStart(8, "0")}`;
  return nine + isbn10CheckDigit(nine);
};

async function post(
  deps: () => AutosourcingDeps,
  body: unknown,
  init: { csv?: boolean; query?: string; auth?: Record<string, string> } = {},
) {
  const before = running.sim.state().consumed;
  const request = new Request(`http://localhost/api/v1/analyze${init.query ?? ""}`, {
    method: "POST",
    headers: { ...(init.auth ?? AUTH), "content-type": init.csv ? "text/csv" : "application/json" },
    body: init.csv ? String(body) : JSON.stringify(body),
  });
  const response = await withDeps(analyzeDoor, deps)(request, fakeContext());
  const answer = await json<Answer["body"]>(response);
  return {
    status: response.status,
    body: answer,
    consumed: running.sim.state().consumed - before,
    headers: response.headers,
  };
}

/** The background worker, run as Netlify would deliver the captured signed request. */
async function deliver(deps: () => AutosourcingDeps, request: JobRequest) {
  const before = running.sim.state().consumed;
  const response = await withDeps(workerDoor, deps)(toRequest(request), fakeContext());
  expect(response.status, await response.clone().text()).toBe(200);
  return { body: await json<Record<string, unknown>>(response), consumed: running.sim.state().consumed - before };
}

async function tick(deps: () => AutosourcingDeps): Promise<AnalysisTickSummary> {
  return (await schedulerTick(deps)).analyses as AnalysisTickSummary;
}

async function status(id: string) {
  const request = new Request(`http://localhost/api/v1/analyze/${id}`, { headers: AUTH });
  const response = await statusDoor(request, fakeContext({ params: { id } }));
  expect(response.status, await response.clone().text()).toBe(200);
  return (
    await json<{
      analysis: {
        status: string;
        statusReason: string | null;
        retryAt: string | null;
        progress: Progress;
        tokensSpent: number;
        chunks: number;
        runs: number;
      };
    }>(response)
  ).analysis;
}

/** Every page of the results, following nextCursor: the rows as a client would collect them. */
async function allResults(id: string, limit = 250): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const query: URLSearchParams = new URLSearchParams({
      limit: String(limit),
      ...(cursor === null ? {} : { cursor }),
    });
    const request = new Request(`http://localhost/api/v1/analyze/${id}/results?${query.toString()}`, { headers: AUTH });
    const response: Response = await resultsDoor(request, fakeContext({ params: { id } }));
    expect(response.status, await response.clone().text()).toBe(200);
    const body: { items: Row[]; limit: number; nextCursor: string | null } = await json(response);
    expect(body.limit).toBe(limit);
    rows.push(...body.items);
    cursor = body.nextCursor;
    if (cursor === null) return rows;
  }
  throw new Error("results never ended");
}

const analysisRequests = (sent: JobRequest[]) => sent.filter((r) => r.url.endsWith("/analysis-run-background"));

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM analyses");
});

describe("a small list is answered at once", () => {
  it("screens only what the cache lacks (tokens = uncached identifiers), and a repeat costs 0", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const list = books().slice(0, 20);
    // Five of them are in the product cache already.
    const warm = await post(deps, { items: list.slice(0, 5).map((b) => ({ id: b.asin })) });
    expect(warm.status).toBe(200);
    expect(warm.body.tokens!.spent).toBe(5);
    expect(warm.consumed).toBe(5);

    const items = [
      ...list.map((b, i) =>
        i % 4 === 0
          ? { id: isbn10ToEan(b.asin), costCents: 150 }
          : { id: b.asin, condition: i % 3 === 0 ? "new" : undefined },
      ),
      { id: unknownIsbn10(1) }, // valid, but Keepa has no such product
      { id: "not-an-isbn" },
      { id: "0306406153" }, // ISBN-10 with a wrong check digit
      { id: list[1]!.asin }, // duplicate
      { id: isbn10ToEan(list[2]!.asin) }, // the same book as its ISBN-13: a duplicate too
    ];
    const first = await post(deps, { items, strategy: "smart_velocity" });
    expect(first.status, JSON.stringify(first.body).slice(0, 400)).toBe(200);
    expect(first.body).toMatchObject({ analysisId: null, mode: "immediate", status: "complete", rowsRead: 25 });
    expect(first.body.screening).toContain("Screening only");
    // 15 uncached books + the unknown one: 1 token each; the 5 cached ones are free.
    expect(first.body.tokens).toMatchObject({ reserved: 16, spent: 16, cacheHits: { products: 5 } });
    expect(first.consumed).toBe(16);
    expect(first.body.progress).toEqual({
      total: 23,
      done: 23,
      found: 20,
      notFound: 1,
      invalid: 2,
      skippedBudget: 0,
      pending: 0,
    });
    const rows = first.body.results!;
    expect(rows.map((r) => r.row)).toEqual([...Array(21).keys()].map((i) => i + 1).concat([22, 23]));
    const isbnRow = rows.find((r) => r.row === 1)!;
    expect(isbnRow.identifier).toEqual({ kind: "isbn13", asin: list[0]!.asin, code: null });
    expect(isbnRow.product!.buyCost).toMatchObject({ model: "perItem", cents: 150 });
    expect(isbnRow.product!.verified).toBe(false); // screening only
    expect(rows.find((r) => r.row === 4)!.product!.sellCondition).toBe("new");
    expect(rows.find((r) => r.row === 2)!.product!.sellCondition).toBe("used_good");
    // The list carries costs: a row without one has no buy cost (SKIP), never a silent 40 %.
    expect(rows.find((r) => r.row === 2)!.product!.buyCost).toBeNull();
    expect(rows.find((r) => r.row === 2)!.duplicateRows).toEqual([24]);
    expect(rows.find((r) => r.row === 3)!.duplicateRows).toEqual([25]);
    expect(rows.find((r) => r.row === 21)).toMatchObject({ status: "not_found", source: "keepa", product: null });
    expect(first.body.invalid).toEqual([
      { row: 22, input: "not-an-isbn", reason: expect.stringContaining("expected an ASIN") },
      { row: 23, input: "0306406153", reason: expect.stringContaining("check digit") },
    ]);
    expect(first.body.duplicates).toEqual([
      { row: 24, input: list[1]!.asin, sameAs: 2 },
      { row: 25, input: isbn10ToEan(list[2]!.asin), sameAs: 3 },
    ]);

    const logBefore = spendingRequests(running);
    const repeat = await post(deps, { items });
    expect(repeat.status).toBe(200);
    expect(repeat.body.tokens).toMatchObject({ reserved: 0, spent: 0, cacheHits: { products: 21 } });
    expect(repeat.consumed).toBe(0);
    expect(spendingRequests(running)).toBe(logBefore);
    expect(repeat.body.progress).toEqual(first.body.progress);
    expect(sent).toEqual([]); // nothing was handed to the background
    expect((await db().query("SELECT 1 FROM analyses")).length).toBe(0);
  });

  it("takes an uploaded CSV with the options in the query", async () => {
    const { deps } = capturingDeps(testClock().now);
    const [a, b] = books();
    const csv = `isbn,cost,condition\n${isbn10ToEan(a!.asin)},$3.10,good\n${b!.asin},,like new\nnope,,\n`;
    const answer = await post(deps, csv, { csv: true, query: "?strategy=textbooks&sellCondition=used_acceptable" });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(200);
    expect(answer.body).toMatchObject({ strategy: "textbooks", sellCondition: "used_acceptable" });
    const rows = answer.body.results!;
    expect(rows[0]).toMatchObject({ status: "found", costCents: 310, sellCondition: "used_good" });
    expect(rows[0]!.product!.buyCost).toMatchObject({ model: "perItem", cents: 310 });
    expect(rows[1]).toMatchObject({ status: "found", sellCondition: "used_like_new" });
    expect(rows[2]).toMatchObject({ row: 3, status: "invalid", input: "nope" });
    expect(answer.body.tokens!.spent).toBe(2);
    // The deprecated query name is still read; the same list again is all cached.
    const legacy = await post(deps, csv, { csv: true, query: "?strategy=textbooks&sell_condition=used_acceptable" });
    expect(legacy.body).toMatchObject({ sellCondition: "used_acceptable", tokens: { spent: 0 } });
  });

  it("a balance too low for the list is the standard 429, and nothing is spent", async () => {
    const { deps } = capturingDeps(testClock().now);
    running.sim.setBalance(15); // the interactive floor keeps 10: 5 spendable, 20 needed
    const answer = await post(deps, {
      items: books()
        .slice(0, 20)
        .map((b) => b.asin),
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("x-token-required")).toBe("20");
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answer.body).toMatchObject({ reason: "insufficient", required: 20, action: "batch_analysis" });
    expect(answer.consumed).toBe(0);
    expect(spendingRequests(running)).toBe(0);
  });

  it("bad input is a 4xx saying what to fix, with no Keepa request: 1,001 rows, a CSV without an id column", async () => {
    const { deps } = capturingDeps(testClock().now);
    const tooMany = await post(deps, { items: Array.from({ length: 1001 }, (_, i) => unknownIsbn10(i)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ reason: "too_many_rows", limit: 1000, rows: 1001 });
    expect(String(tooMany.body.detail)).toContain("at most 1,000 rows");
    const csv = ["id", ...Array.from({ length: 1001 }, (_, i) => unknownIsbn10(i))].join("\n");
    expect((await post(deps, csv, { csv: true })).body).toMatchObject({ status: 400, reason: "too_many_rows" });
    const noId = await post(deps, "title,cost\nA,1\n", { csv: true });
    expect(noId.body).toMatchObject({ status: 400, reason: "csv_no_identifier_column" });
    const badOption = await post(deps, { items: ["0306406152"], sellCondition: "mint" });
    expect(badOption.status).toBe(400);
    expect((badOption.body.errors as { field: string }[]).map((e) => e.field)).toEqual(["sellCondition"]);
    // The deprecated snake_case name is still read, as the camelCase one.
    const legacyOption = await post(deps, { items: ["0306406152"], sell_condition: "mint" });
    expect((legacyOption.body.errors as { field: string }[]).map((e) => e.field)).toEqual(["sellCondition"]);
    const allInvalid = await post(deps, { items: ["nope", "0306406153"] });
    expect(allInvalid.status).toBe(200);
    expect(allInvalid.body.progress).toMatchObject({ total: 2, invalid: 2, found: 0 });
    expect(allInvalid.body.tokens!.spent).toBe(0);
    expect(spendingRequests(running)).toBe(0);
  });
});

describe("a large list runs in the background", () => {
  it(
    "1,000 rows cut by the budget: waiting with a retry time, what was done committed, no overspend; after a refill " +
      "the next tick resumes it and every row ends accounted for exactly once",
    async () => {
      const clock = testClock();
      const { deps, sent } = capturingDeps(clock.now);
      const catalogue = books().slice(0, 900);
      const items: Record<string, unknown>[] = catalogue.map((b, i) => ({
        id: i % 10 === 0 ? isbn10ToEan(b.asin) : b.asin,
        // Half with the deprecated row field name `cost_cents`, still read as `costCents`.
        ...(i % 7 === 0 ? { [i % 2 === 0 ? "costCents" : "cost_cents"]: 200 + i } : {}),
        ...(i % 11 === 0 ? { condition: "new" } : {}),
      }));
      for (let i = 0; i < 50; i++) items.push({ id: unknownIsbn10(i) }); // rows 901–950: no such product
      for (let i = 0; i < 30; i++) items.push({ id: `no isbn #${i}` }); // rows 951–980: invalid
      for (let i = 0; i < 20; i++) items.push({ id: catalogue[i]!.asin }); // rows 981–1000: duplicates of 1–20
      expect(items).toHaveLength(1000);
      const distinctValid = 950;
      const stored = distinctValid + 30;

      // 650 tokens: the batch reserve keeps 300 (25 % of 1,200), so this list can spend 350 of the 950 it needs.
      running.sim.setBalance(650);
      const created = await post(deps, { items });
      expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(202);
      expect(created.consumed).toBe(0); // stored, not screened
      const id = created.body.analysisId as string;
      expect(created.body).toMatchObject({ mode: "background", status: "pending", rowsRead: 1000 });
      expect(created.body.statusUrl).toBe(`http://localhost/api/v1/analyze/${id}`);
      expect(created.body.progress).toEqual({
        total: stored,
        done: 30,
        found: 0,
        notFound: 0,
        invalid: 30,
        skippedBudget: 0,
        pending: distinctValid,
      });
      expect((created.body.duplicates as unknown[]).length).toBe(20);
      expect(analysisRequests(sent)).toHaveLength(1);
      expect(analysisRequests(sent)[0]!.url).toBe("http://localhost/.netlify/functions/analysis-run-background");

      // Run 1: a chunk of 200, then the ledger gives 150 of the next 200 (the chunk shrinks), then nothing.
      const run1 = await deliver(deps, analysisRequests(sent)[0]!);
      expect(run1.body).toMatchObject({ ran: true, status: "waiting" });
      expect(run1.consumed).toBe(350);
      const sim1 = running.sim.state();
      expect(sim1.minBalance).toBe(300); // the batch reserve was never touched: no overspend, nothing negative
      expect(sim1.rejected429).toBe(0);
      const waiting = await status(id);
      expect(waiting.status).toBe("waiting");
      expect(waiting.statusReason).toMatch(/^class_floor: 0 tokens available \(300 are kept in reserve\), 200 needed/);
      expect(waiting.tokensSpent).toBe(350);
      expect(waiting.progress).toMatchObject({ done: 30 + 350, pending: distinctValid - 350, skippedBudget: 0 });
      const retryAt = new Date(waiting.retryAt!).getTime();
      expect(retryAt).toBeGreaterThan(clock.now());
      const partway = await allResults(id);
      expect(partway.filter((r) => r.status !== "pending" && r.status !== "invalid").map((r) => r.row)).toEqual(
        [...Array(350).keys()].map((i) => i + 1),
      );

      // Not due yet: a tick leaves it waiting and sends nothing.
      const early = await tick(deps);
      expect(early.requeued).toEqual([]);
      expect(early.dispatched).toEqual([]);

      // An hour of refills in the simulator; the ledger learns the balance through the free /token.
      running.sim.advance(60 * 60_000);
      expect(running.sim.state().balance).toBe(1200);
      await bootstrapLedger({ ledger: testRuntime().ledger, keepa: testRuntime().keepa() });
      clock.advance(retryAt - clock.now() + 1000);
      const due = await tick(deps);
      expect(due.requeued).toEqual([id]);
      expect(due.dispatched).toEqual([{ analysisId: id, sent: true, status: 202 }]);
      const run2 = await deliver(deps, analysisRequests(sent)[1]!);
      expect(run2.body).toMatchObject({ ran: true, status: "complete" });
      expect(run2.consumed).toBe(distinctValid - 350); // only the rows still pending: nothing bought twice
      expect(running.sim.state().minBalance).toBeGreaterThanOrEqual(300);
      expect(running.sim.state().rejected429).toBe(0);

      const done = await status(id);
      expect(done.status).toBe("complete");
      expect(done.tokensSpent).toBe(distinctValid);
      expect(done.progress.pending).toBe(0);
      // By design nothing ends skipped_budget here: a refused chunk leaves its rows pending until tokens come (only
      // an analysis that waits past ANALYSIS_LIMITS.giveUpAfterMs ends the rest skipped_budget).
      expect(done.progress.skippedBudget).toBe(0);
      expect(done.progress.invalid).toBe(30);
      expect(done.progress.found + done.progress.notFound).toBe(distinctValid);
      expect(done.progress.total).toBe(stored);

      // Every row exactly once, across pages.
      const rows = await allResults(id);
      expect(rows).toHaveLength(stored);
      expect(new Set(rows.map((r) => r.row)).size).toBe(stored);
      const counted = { found: 0, not_found: 0, invalid: 0, skipped_budget: 0, pending: 0 } as Record<string, number>;
      for (const r of rows) counted[r.status] = (counted[r.status] ?? 0) + 1;
      expect(counted).toMatchObject({
        found: done.progress.found,
        not_found: done.progress.notFound,
        invalid: 30,
        pending: 0,
      });
      for (let i = 0; i < 50; i++) expect(rows.find((r) => r.row === 901 + i)!.status).toBe("not_found");
      const first20 = rows.filter((r) => r.row <= 20);
      expect(first20.map((r) => r.duplicateRows)).toEqual([...Array(20).keys()].map((i) => [981 + i]));
      for (const r of rows.filter((r) => r.status === "found")) {
        const i = r.row - 1;
        expect(r.product!.verified).toBe(false);
        expect(r.product!.sellCondition).toBe(i % 11 === 0 ? "new" : "used_good");
        if (i % 7 === 0) expect(r.product!.buyCost).toMatchObject({ model: "perItem", cents: 200 + i });
        else expect(r.product!.buyCost).toBeNull();
      }
      console.info(
        `batch analysis: ${stored} rows, found ${done.progress.found}, not found ${done.progress.notFound}, invalid ` +
          `${done.progress.invalid}; ${done.tokensSpent} tokens in ${done.chunks} chunks over ${done.runs} runs`,
      );
      expect((await testRuntime().ledger.status()).reserved).toBe(0);
    },
    60_000,
  );

  it("a run killed mid-way is resumed after its lease expires; what it committed is kept, nothing twice", async () => {
    const clock = testClock();
    let kill: (() => void) | undefined;
    let calls = 0;
    const { deps: base, sent } = capturingDeps(clock.now);
    // The first run's second chunk never comes back: its function was killed after reserving.
    const dying = (): AutosourcingDeps => {
      const d = base();
      const keepa: AutosourcingDeps["keepa"] = (options) => {
        const client = d.keepa(options);
        if (!options?.meter || options.meter === closedMeter) return client;
        return {
          ...client,
          products: async (params) => {
            calls += 1;
            if (calls === 2) await new Promise<void>((_, reject) => (kill = () => reject(new Error("killed"))));
            return client.products(params);
          },
        };
      };
      return { ...d, keepa };
    };
    const items = books()
      .slice(0, 300)
      .map((b) => b.asin);
    const created = await post(base, { items });
    expect(created.status).toBe(202);
    const id = created.body.analysisId as string;

    const zombie = deliver(dying, analysisRequests(sent)[0]!);
    await expect.poll(() => kill !== undefined, { timeout: 10_000 }).toBe(true);
    const mid = await status(id);
    expect(mid.status).toBe("running");
    expect(mid.progress).toMatchObject({ done: 200, pending: 100 });
    const open = await db().query<{ open_reserved: number }>("SELECT open_reserved FROM analyses WHERE id = $1", [id]);
    expect(open[0]!.open_reserved).toBe(100);

    // A second delivery of the same request while the lease holds runs nothing, and a tick leaves it alone.
    expect((await deliver(base, analysisRequests(sent)[0]!)).body).toMatchObject({ ran: false, reason: "not_pending" });
    expect((await tick(base)).reaped).toEqual([]);

    clock.advance(17 * 60_000); // past the 16-minute lease
    const reaped = await tick(base);
    expect(reaped.reaped).toEqual([id]);
    expect(reaped.dispatched).toEqual([{ analysisId: id, sent: true, status: 202 }]);
    const resumedFrom = await status(id);
    expect(resumedFrom.status).toBe("pending");
    expect(resumedFrom.statusReason).toContain("resumed");
    expect(resumedFrom.tokensSpent).toBe(300); // the dead chunk's reservation counts as spent, as the ledger charges it

    const resumed = await deliver(base, analysisRequests(sent)[1]!);
    expect(resumed.body).toMatchObject({ ran: true, status: "complete" });
    expect(resumed.consumed).toBe(100); // only the 100 rows the dead run never committed
    const done = await status(id);
    expect(done.progress).toMatchObject({ total: 300, done: 300, pending: 0, skippedBudget: 0 });
    expect(done.runs).toBe(2);

    // The killed run wakes up late: it can write nothing any more.
    kill!();
    expect((await zombie).body).toMatchObject({ ran: true });
    const after = await status(id);
    expect(after).toMatchObject({ status: "complete", tokensSpent: done.tokensSpent, progress: done.progress });
    expect(running.sim.state().consumed).toBe(300);
    const rows = await allResults(id, 120);
    expect(rows.map((r) => r.row)).toEqual([...Array(300).keys()].map((i) => i + 1));
    expect(rows.every((r) => r.status === "found" || r.status === "not_found")).toBe(true);
  });

  it("an analysis that waits past its limit gives up: its pending rows end skipped_budget and it is complete", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    running.sim.setBalance(300); // nothing above the batch reserve
    const created = await post(deps, {
      items: books()
        .slice(0, 150)
        .map((b) => b.asin),
    });
    const id = created.body.analysisId as string;
    expect(created.status).toBe(202);
    clock.advance(25 * 60 * 60_000);
    const later = await tick(deps);
    expect(later.gaveUp).toEqual([id]);
    const done = await status(id);
    expect(done.status).toBe("complete");
    expect(done.statusReason).toContain("gave_up");
    expect(done.progress).toMatchObject({ total: 150, skippedBudget: 150, pending: 0 });
    expect((await allResults(id))[0]!.reason).toContain("gave up");
  });

  it("an analysis is its creator's: another key gets 404, the owner's quota is charged, a revoked owner's fails", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now);
    const owner = await createKey({ name: "supplier lists", scopes: ["tokens:spend"], dailyTokenQuota: 1000 });
    const other = await createKey({ name: "someone else", scopes: ["tokens:spend"] });
    const items = books()
      .slice(0, 120)
      .map((b) => b.asin);
    const created = await post(deps, { items }, { auth: bearer(owner.key) });
    expect(created.status).toBe(202);
    const id = created.body.analysisId as string;
    const get = (door: typeof statusDoor, path: string, key: string) =>
      door(new Request(`http://localhost${path}`, { headers: bearer(key) }), fakeContext({ params: { id } }));
    expect((await get(statusDoor, `/api/v1/analyze/${id}`, other.key)).status).toBe(404);
    expect((await get(resultsDoor, `/api/v1/analyze/${id}/results`, other.key)).status).toBe(404);
    expect((await get(statusDoor, `/api/v1/analyze/${id}`, owner.key)).status).toBe(200);
    const run = await deliver(deps, analysisRequests(sent)[0]!);
    expect(run.body).toMatchObject({ ran: true, status: "complete", spent: 120 });
    // The owner's daily quota carries what the chunk spent (the ledger counts it with the reservation).
    const day = new Date().toISOString().slice(0, 10);
    const ledger = testRuntime().ledger;
    expect(Number(await testRuntime().redis.get(ledger.keys.quota(owner.id, day)))).toBe(120);

    // The same list again, by a key that is then revoked before the worker runs: nothing is spent.
    await clearRedis();
    const again = await post(deps, { items }, { auth: bearer(owner.key) });
    await withPgQuery(process.env.DATABASE_URL!, (query) => revokeApiKey(query, owner.id));
    const refused = await deliver(deps, analysisRequests(sent)[1]!);
    expect(refused.body).toMatchObject({ ran: true, status: "failed", spent: 0 });
    expect(refused.consumed).toBe(0);
    const failed = await db().query<{ status_reason: string }>("SELECT status_reason FROM analyses WHERE id = $1", [
      again.body.analysisId,
    ]);
    expect(failed[0]!.status_reason).toMatch(/^owner_revoked/);
  });
});
