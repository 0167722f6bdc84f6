// Scoring settings without a redeploy (docs/scoring.md#configuration): GET/PUT /api/v1/config under ETag/If-Match,
// validated overrides, the audit log, a preview at 0 tokens, and the next job scoring (and recording) the new version.
import { beforeEach, describe, expect, it } from "vitest";
import changesDoor from "../../netlify/functions/config-changes.mts";
import previewDoor from "../../netlify/functions/config-preview.mts";
import configDoor from "../../netlify/functions/config.mts";
import keepaTest from "../../netlify/functions/keepa-test.mts";
import { createTriggeredJob, jobPicks, runJob } from "../../src/autosourcing/index.ts";
import { appendScoringSettings, currentScoringSettings, DEFAULT_SCORING_CONFIG } from "../../src/sourcing/index.ts";
import { createKey } from "../auth/helpers.ts";
import { capturingDeps, clearRedis, createProfile, db, testClock } from "../autosourcing/helpers.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";
import { bearer, useSimulator } from "../helpers/simulator.ts";

const running = await useSimulator(FUNCTIONS_SIMULATOR);

let admin: { key: string; id: string };
beforeEach(async () => {
  await db().query("DELETE FROM scoring_settings");
  admin = await createKey({ name: "admin", scopes: ["admin"] });
});

const config = (method: string, headers: Record<string, string> = {}, body?: unknown) =>
  configDoor(
    new Request("http://localhost/api/v1/config", {
      method,
      headers: { ...bearer(admin.key), "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    fakeContext(),
  );

type Problem = { status: number; detail: string; currentVersion?: number; errors?: { field: string }[] };
const LADDER = { recommendation: { roi: { strongBuy: 9_000, buy: 8_000, consider: 7_000 } } };

describe("GET/PUT /api/v1/config", () => {
  it("defaults are version 0 with an ETag; If-None-Match answers 304", async () => {
    const read = await config("GET");
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"v0"');
    const body = await json<{ version: number; currency: string; config: unknown; overrides: unknown }>(read);
    // The API names each strategy's price range `priceRange: {minCents, maxCents}`; the rest is the config as is.
    const strategies = Object.fromEntries(
      Object.entries(DEFAULT_SCORING_CONFIG.strategies).map(([name, { priceRangeCents, ...rest }]) => [
        name,
        { ...rest, priceRange: { minCents: priceRangeCents.min, maxCents: priceRangeCents.max } },
      ]),
    );
    expect(body).toEqual({
      version: 0,
      currency: "USD",
      config: { ...DEFAULT_SCORING_CONFIG, strategies },
      overrides: {},
    });
    expect((await config("GET", { "if-none-match": '"v0"' })).status).toBe(304);
  });

  it("PUT needs If-Match (428), refuses a stale one (412), validates (400) and appends a version", async () => {
    const missing = await config("PUT", {}, { overrides: LADDER });
    expect(missing.status).toBe(428);
    expect(await json<Problem>(missing)).toMatchObject({ detail: expect.stringContaining('If-Match: "v0"') });
    const stale = await config("PUT", { "if-match": '"v7"' }, { overrides: LADDER });
    expect(stale.status).toBe(412);
    expect(await json<Problem>(stale)).toMatchObject({
      currentVersion: 0,
      detail: expect.stringContaining("version 0"),
    });

    const weights = await config(
      "PUT",
      { "if-match": '"v0"' },
      { overrides: { stability: { weights: { price: 0.9, bsr: 0.3, competition: 0.2 } } } },
    );
    expect(weights.status).toBe(400);
    const weightErrors = (await json<Problem>(weights)).errors?.map((e) => e.field) ?? [];
    expect(weightErrors.some((f) => f.startsWith("overrides.stability"))).toBe(true);
    const range = await config(
      "PUT",
      { "if-match": '"v0"' },
      { overrides: { recommendation: { minConfidenceForBuy: 400 } } },
    );
    expect(range.status).toBe(400);
    expect((await json<Problem>(range)).errors?.map((e) => e.field)).toContain(
      "overrides.recommendation.minConfidenceForBuy",
    );

    const written = await config("PUT", { "if-match": '"v0"' }, { overrides: LADDER, note: "stricter ROI ladder" });
    expect(written.status).toBe(200);
    expect(written.headers.get("etag")).toBe('"v1"');
    expect(await json(written)).toMatchObject({
      version: 1,
      config: { recommendation: { roi: LADDER.recommendation.roi } },
    });
    // The old ETag is now stale, and the message says the current version.
    const again = await config("PUT", { "if-match": '"v0"' }, { overrides: {} });
    expect(again.status).toBe(412);
    expect(await json<Problem>(again)).toMatchObject({
      currentVersion: 1,
      detail: expect.stringContaining("version 1"),
    });
    expect((await config("PUT", { "if-match": '"v1"' }, { overrides: {}, note: "back to defaults" })).status).toBe(200);

    // A key without admin may read but not write.
    const reader = await createKey({ name: "reader", scopes: ["tokens:spend"] });
    const denied = await configDoor(
      new Request("http://localhost/api/v1/config", {
        method: "PUT",
        headers: { ...bearer(reader.key), "content-type": "application/json", "if-match": '"v2"' },
        body: JSON.stringify({ overrides: {} }),
      }),
      fakeContext(),
    );
    expect(denied.status).toBe(403);

    const log = await changesDoor(
      new Request("http://localhost/api/v1/config/changes?limit=1", { headers: bearer(reader.key) }),
      fakeContext(),
    );
    expect(log.status).toBe(200);
    const page = await json<{
      items: { version: number; note: string; createdByKeyId: string }[];
      limit: number;
      nextCursor: string;
    }>(log);
    expect(page.limit).toBe(1);
    expect(page.items).toMatchObject([{ version: 2, note: "back to defaults", createdByKeyId: admin.id }]);
    const rest = await changesDoor(
      new Request(`http://localhost/api/v1/config/changes?cursor=${page.nextCursor}`, { headers: bearer(reader.key) }),
      fakeContext(),
    );
    expect((await json<{ items: unknown[] }>(rest)).items).toMatchObject([
      { version: 1, note: "stricter ROI ladder", overrides: LADDER },
    ]);
  });

  it("a strategy's price range is priceRange {minCents, maxCents}; the old priceRangeCents {min, max} still works", async () => {
    const range = { strategies: { textbooks: { priceRange: { minCents: 3_500 } } } };
    const written = await config("PUT", { "if-match": '"v0"' }, { overrides: range });
    expect(written.status).toBe(200);
    const body = await json<{ config: { strategies: Record<string, unknown> }; overrides: unknown }>(written);
    expect(body.config.strategies.textbooks).toMatchObject({ priceRange: { minCents: 3_500, maxCents: 15_000 } });
    expect(body.config.strategies.textbooks).not.toHaveProperty("priceRangeCents");
    expect(body.overrides).toEqual(range);
    const legacy = { strategies: { textbooks: { priceRangeCents: { max: 12_000 } } } };
    const old = await config("PUT", { "if-match": '"v1"' }, { overrides: legacy });
    expect(old.status).toBe(200);
    expect((await json<typeof body>(old)).config.strategies.textbooks).toMatchObject({
      priceRange: { minCents: 3_000, maxCents: 12_000 },
    });
    // A broken range is named as the API names it.
    const broken = await config(
      "PUT",
      { "if-match": '"v2"' },
      { overrides: { strategies: { textbooks: { priceRange: { minCents: -1 } } } } },
    );
    expect(broken.status).toBe(400);
    expect((await json<Problem>(broken)).errors?.map((e) => e.field)).toContain(
      "overrides.strategies.textbooks.priceRange.minCents",
    );
    const log = await changesDoor(
      new Request("http://localhost/api/v1/config/changes", { headers: bearer(admin.key) }),
      fakeContext(),
    );
    const changes = await json<{ items: { version: number; overrides: unknown }[] }>(log);
    expect(changes.items.map((item) => item.overrides)).toEqual([
      { strategies: { textbooks: { priceRange: { maxCents: 12_000 } } } },
      range,
    ]);
  });

  it("a cursor walk over the audit log meets every version exactly once, newest first", async () => {
    for (let version = 0; version < 5; version++) {
      const put = await config(
        "PUT",
        { "if-match": `"v${version}"` },
        { overrides: {}, note: `change ${version + 1}` },
      );
      expect(put.status).toBe(200);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const query: string = `limit=2${cursor === null ? "" : `&cursor=${cursor}`}`;
      const page: { items: { version: number }[]; nextCursor: string | null } = await json(
        await changesDoor(
          new Request(`http://localhost/api/v1/config/changes?${query}`, { headers: bearer(admin.key) }),
          fakeContext(),
        ),
      );
      seen.push(...page.items.map((item) => item.version));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
  });
});

describe("the current version in requests and jobs", () => {
  it("preview re-scores cached products at 0 tokens, no Keepa request", async () => {
    const entry = running.sim.catalogue.entries.find((e) => e.productType === 0 && e.salesRank > 0 && e.newPrice > 0);
    if (!entry) throw new Error("no book");
    const lookup = await call(running, keepaTest, `/api/v1/keepa/test?asin=${entry.asin}`);
    expect(lookup.body.configVersion).toBe(0);
    const preview = await call(running, previewDoor, "/api/v1/config/preview", {
      method: "POST",
      body: { overrides: LADDER, asins: [entry.asin, "B000000000"] },
    });
    expect(preview).toMatchObject({ status: 200, spent: 0, requests: 0 });
    expect(preview.body).toMatchObject({ configVersion: 0, missing: ["B000000000"], tokens: { spent: 0 } });
    const [product] = preview.body.products as {
      asin: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }[];
    expect(product?.asin).toBe(entry.asin);
    expect(Object.keys(product?.before ?? {})).toEqual(["recommendation", "roiPercent", "maxBuyCents"]);
    expect(["SKIP", "AVOID", "CONSIDER", "BUY", "STRONG_BUY"]).toContain(product?.after.recommendation);
    if (product && (product.before.roiPercent as number) < 7_000)
      expect(product.after.recommendation).not.toMatch(/BUY|CONSIDER/);
    const invalid = await call(running, previewDoor, "/api/v1/config/preview", {
      method: "POST",
      body: { overrides: { nope: 1 }, asins: [entry.asin] },
    });
    expect(invalid.status).toBe(400);

    // Once written, the next request of an instance whose settings window has passed scores with it (the cached
    // product: 0 tokens) and records the version (the window itself: settings-cache.test.ts).
    expect((await config("PUT", { "if-match": '"v0"' }, { overrides: LADDER })).status).toBe(200);
    const next = await call(running, keepaTest, `/api/v1/keepa/test?asin=${entry.asin}`, { runtime: testRuntime() });
    expect(next).toMatchObject({ status: 200, spent: 0 });
    expect(next.body.configVersion).toBe(1);
    expect((next.body.score as { recommendation: string }).recommendation).toBe(product?.after.recommendation);
  });

  it("two writers of the same version: the primary key admits one", async () => {
    const change = { previous: 0, overrides: {}, keyId: null, note: null };
    expect(await appendScoringSettings(db(), change)).toBe(true);
    expect(await appendScoringSettings(db(), { ...change, note: "late" })).toBe(false);
    expect((await currentScoringSettings(db())).version).toBe(1);
  });

  it("a PUT changes the next job's scores, and the job records the version it used", async () => {
    running.sim.reset({ balance: 1200, rate: 20 });
    await clearRedis();
    const runProfile = async () => {
      const clock = testClock();
      const { deps } = capturingDeps(clock.now);
      const profileId = await createProfile({
        name: `Settings ${Math.random().toString(36).slice(2, 8)}`,
        discovery: { categories: ["business"], bsrMin: 10_000, bsrMax: 400_000, maxResults: 40 },
        scoring: { strategy: "smart_velocity", maxPicks: 100, minRoi: -100, minRecommendation: "CONSIDER" },
      });
      const { job } = await createTriggeredJob(db(), { profileId, trigger: "manual", now: clock.now() });
      const result = (await runJob(job.id, deps())) as unknown as { outcome: { plan: { configVersion: number } } };
      const picks = (await jobPicks(db(), job.id)) as unknown as { recommendation: string }[];
      return { version: result.outcome.plan.configVersion, picks };
    };
    const before = await runProfile();
    expect(before.version).toBe(0);
    expect(before.picks.length).toBeGreaterThan(0);
    expect((await config("PUT", { "if-match": '"v0"' }, { overrides: LADDER })).status).toBe(200);
    const after = await runProfile();
    expect(after.version).toBe(1);
    // No product reaches a 7,000 % ROI: nothing is CONSIDER or better any more, so nothing is a pick.
    expect(after.picks).toEqual([]);
  });
});
