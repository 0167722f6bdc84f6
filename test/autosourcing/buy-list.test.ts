// The buy list across jobs (GET /api/v1/picks): keyset pages newest action first, every pick exactly once however
// the walk is cut, CSV export parsed back (RFC 4180 quoting, dollars and cents), and GET /api/v1/picks/stats.
import { beforeEach, describe, expect, it } from "vitest";
import pickActionDoor from "../../netlify/functions/autosourcing-pick-action.mts";
import picksDoor from "../../netlify/functions/picks.mts";
import statsDoor from "../../netlify/functions/picks-stats.mts";
import reviewDoor from "../../netlify/functions/review-today.mts";
import { createTriggeredJob, csvField, dollars, runJob } from "../../src/autosourcing/index.ts";
import type { PickAction } from "../../src/autosourcing/index.ts";
import { wantsCsv } from "../../src/app/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { AUTH, spendingRequests, useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, PROFILE, testClock } from "./helpers.ts";
import { craftJob, get, HOUR, pickId } from "./seller-helpers.ts";

const running = await useSimulator();

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
});

type Listed = { id: string; jobId: string; asin: string; actionStatus: string; actionAt: string; title: string };
type Page = { action: string; limit: number; items: Listed[]; nextCursor: string | null };

async function setAction(id: string, action: PickAction, notes?: string): Promise<void> {
  const request = new Request(`http://localhost/api/v1/autosourcing/picks/${id}/action`, {
    method: "PUT",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify({ action, ...(notes === undefined ? {} : { notes }) }),
  });
  expect((await pickActionDoor(request, fakeContext({ params: { id } }))).status).toBe(200);
}

async function page(query: string): Promise<Page> {
  const response = await get(picksDoor, `/api/v1/picks${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Page>(response);
}

/** Follows nextCursor to the end; `between` runs after the first page (a seller acting meanwhile). */
async function walk(action: string, limit: number, between?: () => Promise<void>): Promise<Page[]> {
  const pages = [await page(`?action=${action}&limit=${limit}`)];
  if (between) await between();
  while (pages.at(-1)!.nextCursor !== null) {
    const cursor = encodeURIComponent(pages.at(-1)!.nextCursor!);
    pages.push(await page(`?action=${action}&limit=${limit}&cursor=${cursor}`));
  }
  return pages;
}

/** Two profiles, a real job each against the simulator: picks from two jobs. */
async function twoJobs(): Promise<{ jobs: string[]; picks: { id: string; job_id: string }[] }> {
  const clock = testClock();
  const { deps } = capturingDeps(clock.now);
  const jobs: string[] = [];
  for (const name of ["Buy list one", "Buy list two"]) {
    const profileId = await createProfile({ ...PROFILE, name });
    const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
    expect(await runJob(job.id, deps())).toMatchObject({ ran: true, status: "succeeded" });
    jobs.push(job.id);
  }
  const picks = await db().query<{ id: string; job_id: string }>(
    "SELECT id::text, job_id::text FROM picks ORDER BY asin, job_id",
  );
  return { jobs, picks };
}

describe("GET /api/v1/picks", () => {
  it("a cursor walk returns every to_buy pick of every job exactly once, newest action first", async () => {
    const { jobs, picks } = await twoJobs();
    const consumed = running.sim.state().consumed;
    expect(picks.length).toBeGreaterThanOrEqual(30);
    // 23 to_buy, alternating between the two jobs; 3 favorites that must never show up in the to_buy walk.
    const toBuy = picks.filter((_, i) => i % 2 === 0 || i < 6).slice(0, 23);
    for (const pick of toBuy) await setAction(pick.id, "to_buy");
    const favorites = picks.filter((p) => !toBuy.includes(p)).slice(0, 3);
    for (const pick of favorites) await setAction(pick.id, "favorite");
    expect(new Set(toBuy.map((p) => p.job_id))).toEqual(new Set(jobs));
    // Five marked in the same instant (one bulk update): only the id orders them, and the keyset must not skip one.
    await db().query("UPDATE picks SET action_at = '2026-03-01T08:00:00.123456Z' WHERE id = ANY($1::uuid[])", [
      toBuy.slice(5, 10).map((p) => p.id),
    ]);
    // Two a microsecond apart just after them: a cursor cut to milliseconds would lose or repeat rows.
    await db().query("UPDATE picks SET action_at = '2026-03-01T08:00:00.123457Z' WHERE id = $1", [toBuy[10]!.id]);
    await db().query("UPDATE picks SET action_at = '2026-03-01T08:00:00.123458Z' WHERE id = $1", [toBuy[11]!.id]);

    // Meanwhile (after the first page) the seller marks one more: it goes to the front, behind the walk's cursor.
    const late = picks.find((p) => !toBuy.includes(p) && !favorites.includes(p))!;
    const pages = await walk("to_buy", 5, () => setAction(late.id, "to_buy"));
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const seen = pages.flatMap((p) => p.items);
    expect(seen.map((p) => p.id).sort()).toEqual(toBuy.map((p) => p.id).sort());
    for (const item of seen) expect(item.actionStatus).toBe("to_buy");
    // Newest action first (actionAt is shown to the millisecond); within one instant, by id descending.
    const tied = new Set(toBuy.slice(5, 10).map((p) => p.id));
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.actionAt >= b.actionAt, `${a.actionAt} before ${b.actionAt}`).toBe(true);
      if (tied.has(a.id) && tied.has(b.id)) expect(a.id > b.id).toBe(true);
    }
    expect(
      seen
        .slice(-5)
        .map((p) => p.id)
        .sort(),
    ).toEqual([...tied].sort());
    expect(new Set(seen.map((p) => p.jobId))).toEqual(new Set(jobs));

    // A new walk sees the late one first; 24 rows in pages of 6 end on a full page with no empty page after it.
    // Its third page ends on the .123458 row (1 late + 16 marked now + 1): the next starts a microsecond before.
    const again = await walk("to_buy", 6);
    expect(again.map((p) => p.items.length)).toEqual([6, 6, 6, 6]);
    expect(again[0]!.items[0]!.id).toBe(late.id);
    expect(again[2]!.items.at(-1)!.id).toBe(toBuy[11]!.id);
    expect(again[3]!.items[0]!.id).toBe(toBuy[10]!.id);
    expect(new Set(again.flatMap((p) => p.items.map((i) => i.id))).size).toBe(24);
    const favoritesPage = await page("?action=favorite");
    expect(favoritesPage).toMatchObject({ action: "favorite", limit: 50, nextCursor: null });
    expect(favoritesPage.items.map((p) => p.id).sort()).toEqual(favorites.map((p) => p.id).sort());
    // The default action is the buy list.
    expect((await page("?limit=100")).items).toHaveLength(24);
    expect(running.sim.state().consumed, "the reads spend nothing").toBe(consumed);
  });

  it("refuses an unknown action, a bad limit and a cursor it did not hand out, naming the field", async () => {
    const profileId = await createProfile();
    const job = await craftJob(profileId, Date.now(), [
      { asin: "B0000000A1", roi: 40 },
      { asin: "B0000000A2", roi: 30 },
    ]);
    for (const asin of ["B0000000A1", "B0000000A2"]) await setAction(await pickId(job, asin), "to_buy");
    const first = await page("?action=to_buy&limit=1");
    const cursor = first.nextCursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const tampered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(cursor, "base64url").toString()), i: "'; DROP TABLE picks; --" }),
    ).toString("base64url");
    for (const [query, field] of [
      ["?action=bought", "action"],
      ["?action=TO_BUY", "action"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=ten", "limit"],
      [`?cursor=${cursor.slice(0, -3)}`, "cursor"],
      [`?cursor=${tampered}`, "cursor"],
      ["?cursor=%00", "cursor"],
      [`?action=favorite&cursor=${cursor}`, "cursor"],
      ["?offset=10", "(root)"],
    ] as const) {
      const response = await get(picksDoor, `/api/v1/picks${query}`);
      expect(response.status, query).toBe(400);
      const body = await json<{ detail: string; errors: { field: string; message: string }[] }>(response);
      expect(
        body.errors.map((e) => e.field),
        query,
      ).toContain(field);
    }
    const wrongAction = await json<{ errors: { message: string }[] }>(
      await get(picksDoor, `/api/v1/picks?action=favorite&cursor=${cursor}`),
    );
    expect(wrongAction.errors[0]!.message).toContain("action=to_buy");
    // The untouched cursor still works: the second and last pick.
    const second = await page(`?action=to_buy&limit=1&cursor=${cursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });
});

/** A strict RFC 4180 reader (independent of the writer): quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      expect(field, "a quote may only open a field").toBe("");
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else {
      expect(ch, "a bare CR or LF must be quoted").not.toMatch(/[\r\n]/);
      field += ch;
    }
  }
  expect(field === "" && row.length === 0, "the last record ends with CRLF").toBe(true);
  return rows;
}

describe("GET /api/v1/picks with Accept: text/csv", () => {
  it("exports every row of the action with a header, RFC 4180 quoting, dollars and cents", async () => {
    const profileId = await createProfile({ ...PROFILE, name: "Library sale, spring" });
    const titles = {
      B00000CSV1: 'Economics, "Revised" Edition',
      B00000CSV2: "Two\r\nlines",
      B00000CSV3: '=HYPERLINK("http://evil.example","x")',
      B00000CSV4: "Plain title",
    };
    const job = await craftJob(profileId, Date.now(), [
      { asin: "B00000CSV1", roi: 50, title: titles.B00000CSV1, buyCents: 1_005, maxBuyCents: 1_500 },
      { asin: "B00000CSV2", roi: -5, title: titles.B00000CSV2, buyCents: 1_000 },
      { asin: "B00000CSV3", roi: 10, title: titles.B00000CSV3 },
      { asin: "B00000CSV4", roi: 20, title: titles.B00000CSV4 },
    ]);
    await setAction(await pickId(job, "B00000CSV1"), "to_buy", 'spine, "foxing"');
    await setAction(await pickId(job, "B00000CSV2"), "to_buy");
    await setAction(await pickId(job, "B00000CSV3"), "to_buy");
    await setAction(await pickId(job, "B00000CSV4"), "favorite");

    const response = await get(picksDoor, "/api/v1/picks?action=to_buy&limit=1", {
      headers: { accept: "text/csv" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="picks-to_buy.csv"');
    expect(response.headers.get("x-export-truncated")).toBe("false");
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([
      "pick_id",
      "asin",
      "title",
      "action",
      "action_at",
      "notes",
      "tier",
      "recommendation",
      "roi_percent",
      "profit_usd",
      "profit_cents",
      "buy_cost_usd",
      "buy_cost_cents",
      "sell_price_usd",
      "sell_price_cents",
      "max_buy_usd",
      "max_buy_cents",
      "sell_condition",
      "verified",
      "bsr",
      "found_at",
      "job_id",
      "profile_name",
    ]);
    // `limit` pages JSON only: the export holds every to_buy row (the favorite is not one).
    expect(rows).toHaveLength(3);
    const record = (asin: string) => {
      const row = rows.find((r) => r[1] === asin)!;
      return Object.fromEntries(header!.map((name, i) => [name, row[i]]));
    };
    expect(record("B00000CSV1")).toMatchObject({
      title: 'Economics, "Revised" Edition',
      notes: 'spine, "foxing"',
      action: "to_buy",
      roi_percent: "50",
      // 1,005 × 50 % = 502.5 → 503 cents.
      profit_usd: "5.03",
      profit_cents: "503",
      buy_cost_usd: "10.05",
      buy_cost_cents: "1005",
      sell_price_usd: "30.00",
      sell_price_cents: "3000",
      max_buy_usd: "15.00",
      max_buy_cents: "1500",
      sell_condition: "used_good",
      verified: "true",
      job_id: job,
      profile_name: "Library sale, spring",
    });
    expect(record("B00000CSV2")).toMatchObject({ title: "Two\r\nlines", profit_usd: "-0.50", profit_cents: "-50" });
    // A formula is defused for spreadsheets (CSV injection), its text kept after the apostrophe.
    expect(record("B00000CSV3").title).toBe(`'${titles.B00000CSV3}`);
    const raw = await (await get(picksDoor, "/api/v1/picks", { headers: { accept: "text/csv" } })).text();
    expect(raw).toContain('"Economics, ""Revised"" Edition"');

    const empty = await get(picksDoor, "/api/v1/picks?action=analyzing", { headers: { accept: "text/csv" } });
    expect(empty.headers.get("content-disposition")).toBe('attachment; filename="picks-analyzing.csv"');
    expect(parseCsv(await empty.text())).toEqual([header]);
    // Bad input is still a problem, whatever was accepted.
    const bad = await get(picksDoor, "/api/v1/picks?action=bought", { headers: { accept: "text/csv" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });

  it("fields and money: quoting only when needed, cents to dollars without floating point", () => {
    expect([null, undefined, "", "plain", "a,b", 'say "hi"', "a\nb", "a\rb", 12.5, true].map(csvField)).toEqual([
      "",
      "",
      "",
      "plain",
      '"a,b"',
      '"say ""hi"""',
      '"a\nb"',
      '"a\rb"',
      "12.5",
      "true",
    ]);
    expect([0, 5, -5, 100, 1_005, -1_000, 123_456_789, null, 1.5].map(dollars)).toEqual([
      "0.00",
      "0.05",
      "-0.05",
      "1.00",
      "10.05",
      "-10.00",
      "1234567.89",
      "",
      "",
    ]);
  });

  it("CSV only when text/csv is accepted at least as much as anything else", () => {
    expect(wantsCsv("text/csv")).toBe(true);
    expect(wantsCsv("text/csv, application/json;q=0.9")).toBe(true);
    expect(wantsCsv("TEXT/CSV; charset=utf-8")).toBe(true);
    expect(wantsCsv(null)).toBe(false);
    expect(wantsCsv("application/json")).toBe(false);
    expect(wantsCsv("*/*")).toBe(false);
    expect(wantsCsv("text/csv;q=0")).toBe(false);
    expect(wantsCsv("text/csv;q=0.5, application/json")).toBe(false);
  });
});

describe("GET /api/v1/picks/stats", () => {
  type Stats = {
    counts: Record<PickAction, number>;
    total: number;
    engagement: { days: number; since: string; picks: number; actedOn: number; rate: number | null };
    bestOfDay: { id: string; asin: string; roiPercent: number; profileName: string; jobId: string } | null;
  };
  const stats = async (now: number) => {
    const response = await get(statsDoor, "/api/v1/picks/stats", { now });
    expect(response.status, await response.clone().text()).toBe(200);
    return json<Stats>(response);
  };
  const NOW = Date.parse("2026-03-10T12:00:00.000Z");

  it("counts per action, the 7-day engagement and the best pick of the last 24 h", async () => {
    const profileId = await createProfile();
    const old = await craftJob(profileId, NOW - 8 * 24 * HOUR, [
      { asin: "OLDPENDING", roi: 10 },
      { asin: "OLDTOBUY01", roi: 15 },
    ]);
    await craftJob(profileId, NOW - 30 * HOUR, [{ asin: "YESTERDAY1", roi: 200 }]);
    const today = await craftJob(profileId, NOW - 2 * HOUR, [
      { asin: "IGNORED300", roi: 300 },
      { asin: "BESTOFDAY1", roi: 120 },
      { asin: "TOBUYTODAY", roi: 80 },
      { asin: "ANALYZING1", roi: 40 },
      { asin: "IGNORED030", roi: 30 },
      { asin: "IGNORED020", roi: 20 },
      { asin: "PENDING025", roi: 25 },
    ]);
    await setAction(await pickId(old, "OLDTOBUY01"), "to_buy");
    const actions: [string, PickAction][] = [
      ["IGNORED300", "ignored"],
      ["BESTOFDAY1", "favorite"],
      ["TOBUYTODAY", "to_buy"],
      ["ANALYZING1", "analyzing"],
      ["IGNORED030", "ignored"],
      ["IGNORED020", "ignored"],
    ];
    for (const [asin, action] of actions) await setAction(await pickId(today, asin), action);

    const body = await stats(NOW);
    // 10 picks: pending OLDPENDING, YESTERDAY1, PENDING025; to_buy OLDTOBUY01, TOBUYTODAY; favorite BESTOFDAY1;
    // ignored the three IGNORED*; analyzing ANALYZING1.
    expect(body.counts).toEqual({ pending: 3, to_buy: 2, favorite: 1, ignored: 3, analyzing: 1 });
    expect(body.total).toBe(10);
    // The last 7 days leave out the two 8-day-old picks: 8 picks, of which YESTERDAY1 and PENDING025 are pending,
    // so 6 acted on: 6 / 8 = 0.75.
    expect(body.engagement).toEqual({
      days: 7,
      since: new Date(NOW - 7 * 24 * HOUR).toISOString(),
      picks: 8,
      actedOn: 6,
      rate: 0.75,
    });
    // The last 24 h: IGNORED300 (300 %) is ignored, YESTERDAY1 (200 %) is 30 h old: BESTOFDAY1 (120 %) wins.
    expect(body.bestOfDay).toMatchObject({ asin: "BESTOFDAY1", roiPercent: 120, jobId: today });
    expect(body.bestOfDay?.id).toBe(await pickId(today, "BESTOFDAY1"));

    // Two days later nothing is from the last 24 h; the 7 days still hold the same 8 picks.
    const later = await stats(NOW + 48 * HOUR);
    expect(later.bestOfDay).toBeNull();
    expect(later.engagement).toMatchObject({ picks: 8, actedOn: 6, rate: 0.75 });
  });

  it("no picks: zero counts, no rate, no best pick", async () => {
    expect(await stats(NOW)).toEqual({
      counts: { pending: 0, to_buy: 0, favorite: 0, ignored: 0, analyzing: 0 },
      total: 0,
      engagement: { days: 7, since: new Date(NOW - 7 * 24 * HOUR).toISOString(), picks: 0, actedOn: 0, rate: null },
      bestOfDay: null,
    });
  });
});

describe("the seller's reads when Postgres is down", () => {
  it("answer 503 database_unavailable with Retry-After, and spend nothing", async () => {
    const runtime = testRuntime({ vars: { NEON_LOCAL_HTTP_ENDPOINT: "http://127.0.0.1:9/sql" } });
    for (const [door, path] of [
      [reviewDoor, "/api/v1/review/today"],
      [picksDoor, "/api/v1/picks"],
      [statsDoor, "/api/v1/picks/stats"],
    ] as const) {
      const request = new Request(`http://localhost${path}`, { headers: AUTH });
      const answer = await door.serve(request, fakeContext(), runtime);
      expect(answer.status, path).toBe(503);
      expect(answer.headers.get("retry-after"), path).toBe("5");
      expect(await json(answer), path).toMatchObject({ reason: "database_unavailable" });
    }
    expect(spendingRequests(running)).toBe(0);
  });
});
