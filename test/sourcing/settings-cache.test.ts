// Sourcing requests read the scoring settings through a per-instance copy at most SETTINGS_CACHE_MS old
// (docs/scoring.md#configuration): a PUT is visible to every instance once that window has passed.
import { beforeEach, describe, expect, it } from "vitest";
import configDoor from "../../netlify/functions/config.mts";
import keepaTest from "../../netlify/functions/keepa-test.mts";
import { SETTINGS_CACHE_MS } from "../../src/app/index.ts";
import { createKey } from "../auth/helpers.ts";
import { db } from "../autosourcing/helpers.ts";
import { fakeContext } from "../helpers/context.ts";
import { manualClock } from "../helpers/ledger.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { bearer, useSimulator } from "../helpers/simulator.ts";
import { call, FUNCTIONS_SIMULATOR } from "../helpers/sourcing.ts";

const running = await useSimulator(FUNCTIONS_SIMULATOR);
const LADDER = { recommendation: { roi: { strongBuy: 9_000, buy: 8_000, consider: 7_000 } } };

let adminKey: string;
beforeEach(async () => {
  await db().query("DELETE FROM scoring_settings");
  adminKey = (await createKey({ name: "admin", scopes: ["admin"] })).key;
});

const put = (version: number) =>
  configDoor(
    new Request("http://localhost/api/v1/config", {
      method: "PUT",
      headers: { ...bearer(adminKey), "content-type": "application/json", "if-match": `"v${version}"` },
      body: JSON.stringify({ overrides: LADDER }),
    }),
    fakeContext(),
  );

describe("the instance's copy of the scoring settings", () => {
  it("a PUT is visible to an instance that read the old version once its window has passed", async () => {
    const clock = manualClock(Date.now());
    const instance = testRuntime({ now: clock.now });
    const asin = running.sim.catalogue.entries.find((e) => e.productType === 0 && e.salesRank > 0)!.asin;
    const lookup = () =>
      call(running, keepaTest, `/api/v1/keepa/test?asin=${asin}&verify=false`, { runtime: instance });

    expect((await lookup()).body.configVersion).toBe(0);
    expect((await put(0)).status).toBe(200);
    // Inside the window the instance still answers with the version it read (documented staleness).
    clock.advance(SETTINGS_CACHE_MS - 1);
    expect((await lookup()).body.configVersion).toBe(0);
    clock.advance(1);
    expect((await lookup()).body.configVersion).toBe(1);
  });
});
