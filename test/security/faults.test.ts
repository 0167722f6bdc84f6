// Faults an attacker or a bad night brings, each against the real stack (Redis through the bridge, Postgres through
// the Neon stand-ins, the Keepa simulator): scope and quota through AutoSourcing, replayed webhooks, the database
// or the ledger store unreachable, Keepa failing, a worker killed mid-job, hostile query keys.
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import estimateDoor from "../../netlify/functions/autosourcing-estimate.mts";
import jobDoor from "../../netlify/functions/autosourcing-job.mts";
import jobsDoor from "../../netlify/functions/autosourcing-jobs.mts";
import pickActionDoor from "../../netlify/functions/autosourcing-pick-action.mts";
import profileDoor from "../../netlify/functions/autosourcing-profile.mts";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import runDoor from "../../netlify/functions/autosourcing-run.mts";
import schedulerDoor from "../../netlify/functions/autosourcing-scheduler.mts";
import keepaTestDoor from "../../netlify/functions/keepa-test.mts";
import nichesDoor from "../../netlify/functions/niches-discover.mts";
import productsDiscoverDoor from "../../netlify/functions/products-discover.mts";
import discoverDoor from "../../netlify/functions/products-discover-with-scoring.mts";
import tokensRequestsDoor from "../../netlify/functions/tokens-requests.mts";
import { runKeysCli } from "../../scripts/keys.ts";
import { evictIdentity, keyCacheKey, hashApiKey, keyPrefix } from "../../src/app/index.ts";
import {
  claimJob,
  runJob,
  createTriggeredJob,
  profileLockKey,
  profileLockToken,
  signRequest,
} from "../../src/autosourcing/index.ts";
import { tryLock } from "../../src/tokens/index.ts";
import { createKey } from "../auth/helpers.ts";
import { capturingDeps, clearRedis, db, jobState, PROFILE, testClock, withDeps } from "../autosourcing/helpers.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRedis, testRuntime } from "../helpers/runtime.ts";
import { AUTH, bearer, spendingRequests, useSimulator } from "../helpers/simulator.ts";

const running = await useSimulator();
const SECRET = "faults-webhook-secret-0123456789";
const DEAD = "http://127.0.0.1:9";

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  running.sim.setFaults({});
  await clearRedis();
  await db().query("DELETE FROM profiles");
  process.env.WEBHOOK_SECRET = SECRET;
});

const post = (path: string, body: unknown, headers: Record<string, string> = AUTH) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function saveProfile(headers: Record<string, string>, body: unknown = PROFILE): Promise<Response> {
  return profilesDoor(post("/api/v1/autosourcing/profiles", body, headers), fakeContext());
}

describe("scope and quota through AutoSourcing", () => {
  it("a key without tokens:spend cannot save a profile (403), and is told so before its body is judged", async () => {
    const { key } = await createKey({ name: "writer", scopes: ["data:write"] });
    const refused = await saveProfile(bearer(key));
    expect(refused.status).toBe(403);
    expect((await json(refused)).detail).toContain("tokens:spend");
    const invalid = await saveProfile(bearer(key), { name: "x" });
    expect(invalid.status).toBe(403);
    expect((await db().query("SELECT id FROM profiles")).length).toBe(0);
  });

  it("a profile's jobs spend its owner's daily quota, and stop when the owner key is revoked", async () => {
    const { key, id } = await createKey({ name: "owner", scopes: ["data:write", "tokens:spend"], dailyTokenQuota: 5 });
    const saved = await saveProfile(bearer(key));
    expect(saved.status).toBe(201);
    const profile = (await json<{ profile: { id: string; ownerKeyId: string } }>(saved)).profile;
    expect(profile.ownerKeyId).toBe(id);
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const first = await createTriggeredJob(db(), { profileId: profile.id, trigger: "manual", now: clock.now() });
    const outcome = await runJob(first.job.id, deps());
    expect(outcome).toMatchObject({ ran: true, status: "skipped" });
    expect((await jobState(first.job.id)).status_reason).toMatch(/^quota/);
    expect(spendingRequests(running)).toBe(0);
    await runKeysCli(["revoke", keyPrefix(key)], process.env.DATABASE_URL!, {
      out: () => undefined,
      evict: (hashes) => evictIdentity(testRedis(), hashes),
    });
    clock.advance(60_000);
    const second = await createTriggeredJob(db(), { profileId: profile.id, trigger: "manual", now: clock.now() });
    expect(await runJob(second.job.id, deps())).toMatchObject({ ran: true, status: "failed" });
    expect((await jobState(second.job.id)).status_reason).toBe("owner_revoked");
    expect(spendingRequests(running)).toBe(0);
  });
});

describe("every path that can spend", () => {
  it("refuses a key without tokens:spend with 403 and sends nothing to Keepa", async () => {
    const { key } = await createKey({ name: "reader", scopes: ["data:write"] });
    const doors = [discoverDoor, productsDiscoverDoor, nichesDoor, keepaTestDoor];
    for (const door of doors) {
      const method = door.endpoint.methods[0]!;
      const init = method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json" } };
      const request = new Request("http://localhost/x?asin=0593655036", {
        method,
        ...init,
        headers: { ...bearer(key), ...init.headers },
      });
      expect((await door(request, fakeContext())).status, door.endpoint.name).toBe(403);
    }
    expect((await saveProfile(bearer(key))).status).toBe(403);
    expect(spendingRequests(running)).toBe(0);
  });
});

describe("webhook replay", () => {
  function signed(body: unknown, at: number, key?: string): Request {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json", ...signRequest(SECRET, raw, at) };
    if (key) headers["idempotency-key"] = key;
    return new Request("http://localhost/api/v1/autosourcing/run", { method: "POST", headers, body: raw });
  }

  it("a captured signature is usable once: replays and concurrent duplicates make one job", async () => {
    const profile = (await json<{ profile: { id: string } }>(await saveProfile(AUTH))).profile;
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const trigger = withDeps(runDoor, deps);
    const request = signed({ profileId: profile.id }, clock.now());
    const statuses = await Promise.all(Array.from({ length: 10 }, () => trigger(request.clone(), fakeContext())));
    expect(statuses.map((r) => r.status).sort()).toEqual([202, ...Array.from({ length: 9 }, () => 409)]);
    for (let i = 0; i < 5; i++) expect((await trigger(request.clone(), fakeContext())).status).toBe(409);
    const underAnotherKey = new Request(request.clone(), {
      headers: { ...Object.fromEntries(request.headers), "idempotency-key": "new" },
    });
    expect((await trigger(underAnotherKey, fakeContext())).status).toBe(409);
    expect((await db().query("SELECT id FROM jobs")).length).toBe(1);
  });

  it("a retry under the same Idempotency-Key gets the same job, not a refusal", async () => {
    const profile = (await json<{ profile: { id: string } }>(await saveProfile(AUTH))).profile;
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const trigger = withDeps(runDoor, deps);
    const request = signed({ profileId: profile.id }, clock.now(), "delivery-1");
    const first = await json<{ jobId: string }>(await trigger(request.clone(), fakeContext()));
    const retry = await trigger(request.clone(), fakeContext());
    expect(retry.status).toBe(202);
    expect((await json<{ jobId: string; created: boolean }>(retry)).jobId).toBe(first.jobId);
  });
});

describe("the database unreachable", () => {
  const down = () => testRuntime({ vars: { NEON_LOCAL_HTTP_ENDPOINT: `${DEAD}/sql` } });
  const ID = "4a3e1f0c-0000-4000-8000-000000000001";
  const put = (path: string, body: unknown) =>
    new Request(`http://localhost${path}`, {
      method: "PUT",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("every database-backed route and the scheduler tick answer 503 with Retry-After, never 500", async () => {
    const runtime = down();
    const get = (path: string) => new Request(`http://localhost${path}`, { headers: AUTH });
    const withId = fakeContext({ params: { id: ID } });
    const raw = JSON.stringify({ profileId: ID });
    const signedRun = new Request("http://localhost/api/v1/autosourcing/run", {
      method: "POST",
      headers: { "content-type": "application/json", ...signRequest(SECRET, raw, Date.now()) },
      body: raw,
    });
    const answers: [string, Response][] = [
      ["jobs", await jobsDoor.serve(get("/api/v1/autosourcing/jobs"), fakeContext(), runtime)],
      ["job", await jobDoor.serve(get(`/api/v1/autosourcing/jobs/${ID}`), withId, runtime)],
      ["profiles GET", await profilesDoor.serve(get("/api/v1/autosourcing/profiles"), fakeContext(), runtime)],
      [
        "profiles POST",
        await profilesDoor.serve(post("/api/v1/autosourcing/profiles", PROFILE), fakeContext(), runtime),
      ],
      ["profile GET", await profileDoor.serve(get(`/api/v1/autosourcing/profiles/${ID}`), withId, runtime)],
      ["profile PUT", await profileDoor.serve(put(`/api/v1/autosourcing/profiles/${ID}`, PROFILE), withId, runtime)],
      ["pick action", await pickActionDoor.serve(put(`/x/${ID}`, { action: "to_buy" }), withId, runtime)],
      [
        "estimate",
        await estimateDoor.serve(post("/api/v1/autosourcing/estimate", { profileId: ID }), fakeContext(), runtime),
      ],
      ["webhook", await runDoor.serve(signedRun, fakeContext(), runtime)],
      [
        "tick",
        await schedulerDoor.serve(new Request("http://localhost/x", { method: "POST" }), fakeContext(), runtime),
      ],
    ];
    for (const [route, answer] of answers) {
      expect(answer.status, route).toBe(503);
      expect(answer.headers.get("retry-after"), route).toBe("5");
      expect(await json(answer), route).toMatchObject({ reason: "database_unavailable" });
    }
  });
});

describe("the ledger store unreachable", () => {
  it("the dashboard's request list answers 503, like the token view", async () => {
    const runtime = testRuntime({ vars: { UPSTASH_REDIS_REST_URL: DEAD } });
    const request = new Request("http://localhost/api/v1/tokens/requests", { headers: AUTH });
    const answer = await tokensRequestsDoor.serve(request, fakeContext(), runtime);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("2");
  });
});

describe("text the database cannot store", () => {
  it("a NUL character in a profile name or a pick note is a 400 saying so", async () => {
    const answer = await saveProfile(AUTH, { ...PROFILE, name: "Bad\u0000name" });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await json(answer))).toContain("NUL");
    const note = await pickActionDoor(
      new Request("http://localhost/api/v1/autosourcing/picks/x/action", {
        method: "PUT",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify({ action: "to_buy", notes: "a\u0000b" }),
      }),
      fakeContext({ params: { id: "4a3e1f0c-0000-4000-8000-000000000001" } }),
    );
    expect(note.status).toBe(400);
  });
});

describe("Keepa failing", () => {
  it("a lookup during a Keepa outage is a 502 naming it, not `found: false`", async () => {
    running.sim.setFaults({ failNext: 10, status: 500, endpoints: ["product"] });
    const answer = await keepaTestDoor(
      new Request("http://localhost/api/v1/keepa/test?asin=0593655036", { headers: AUTH }),
      fakeContext(),
    );
    expect(answer.status).toBe(502);
    expect(await json(answer)).toMatchObject({ reason: "keepa_server" });
  });

  it("a dropped connection after Keepa charged is a 503 network outage, charged to the ledger as spent", async () => {
    running.sim.setFaults({ dropAfterChargeNext: 1, endpoints: ["product"] });
    const answer = await keepaTestDoor(
      new Request("http://localhost/api/v1/keepa/test?asin=0593655036&force_refresh=true", { headers: AUTH }),
      fakeContext(),
    );
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("30");
    expect(await json(answer)).toMatchObject({ reason: "keepa_network" });
  });

  it("a search whose discovery fails answers 502; one whose details fail keeps what it found and says so", async () => {
    running.sim.setFaults({ failNext: 10, status: 500, endpoints: ["query"] });
    const body = { category: "business", bsr_max: 2_000_000, max_results: 5, force_refresh: true };
    const outage = await discoverDoor(post("/api/v1/products/discover_with_scoring", body), fakeContext());
    expect(outage.status).toBe(502);
    running.sim.setFaults({ failNext: 10, status: 500, endpoints: ["product"] });
    const partial = await discoverDoor(post("/api/v1/products/discover_with_scoring", body), fakeContext());
    expect(partial.status).toBe(200);
    const answer = await json<{ partial: boolean; discovered: number; cuts: { keepaError?: string }[] }>(partial);
    expect(answer).toMatchObject({ partial: true });
    expect(answer.discovered).toBeGreaterThan(0);
    expect(answer.cuts).toEqual([expect.objectContaining({ reason: "keepa_error", keepaError: "server" })]);
  });
});

describe("a worker killed mid-job", () => {
  it("the reaper records the reservation as spent and frees the profile's lock", async () => {
    const profile = (await json<{ profile: { id: string } }>(await saveProfile(AUTH))).profile;
    const clock = testClock();
    const { deps } = capturingDeps(clock.now);
    const { job } = await createTriggeredJob(db(), { profileId: profile.id, trigger: "manual", now: clock.now() });
    // What a worker does before it dies: its lock, its claim, its admitted reservation.
    const redis = testRedis();
    await tryLock(redis, profileLockKey(process.env.LEDGER_PREFIX!, profile.id), 16 * 60_000, profileLockToken(job.id));
    expect(await claimJob(db(), job.id, clock.now())).toBe(true);
    await db().query("UPDATE jobs SET tokens_reserved = 71, reservation_id = 'r' WHERE id = $1", [job.id]);
    clock.advance(40 * 60_000);
    const tick = await withDeps(schedulerDoor, deps)(
      new Request("http://localhost/x", { method: "POST" }),
      fakeContext(),
    );
    expect((await json<{ reaped: string[] }>(tick)).reaped).toEqual([job.id]);
    expect(await jobState(job.id)).toMatchObject({ status: "failed", status_reason: "worker_lost", tokens_spent: 71 });
    expect(await redis.exists(profileLockKey(process.env.LEDGER_PREFIX!, profile.id))).toBe(0);
  });
});

describe("revocation", () => {
  it("reaches every prefix sharing the Redis, at once", async () => {
    const { key } = await createKey({ name: "shared" });
    const elsewhere = `${process.env.LEDGER_PREFIX}:other-deployment`;
    await testRedis().set(keyCacheKey(elsewhere, hashApiKey(key)), JSON.stringify({ apiKeyId: "x" }), { ex: 30 });
    const lines: string[] = [];
    await runKeysCli(["revoke", keyPrefix(key)], process.env.DATABASE_URL!, {
      out: (line) => lines.push(line),
      evict: (hashes) => evictIdentity(testRedis(), hashes),
    });
    expect(await testRedis().exists(keyCacheKey(elsewhere, hashApiKey(key)))).toBe(0);
    expect(lines.join("\n")).toContain("every prefix");
  });
});

describe("hostile query keys", () => {
  it("__proto__ is an unknown parameter like any other (400)", async () => {
    const answer = await jobsDoor(
      new Request("http://localhost/api/v1/autosourcing/jobs?__proto__=1", { headers: AUTH }),
      fakeContext(),
    );
    expect(answer.status).toBe(400);
  });
});

describe("the ledger store frozen", () => {
  /**
   * A Redis endpoint that accepts connections and never answers; counts the requests that reach it (connections
   * carrying bytes: after an abort the HTTP client may open an idle spare connection, which asks for nothing).
   */
  async function frozenStore(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
    const sockets = new Set<Socket>();
    let connections = 0;
    const server = createServer((socket) => {
      socket.once("data", () => (connections += 1));
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const close = () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    return { url: `http://127.0.0.1:${port}`, connections: () => connections, close };
  }

  it("a request stops at the first timeout, and the instance's breaker answers the next at once, Postgres untouched", async () => {
    const store = await frozenStore();
    try {
      const { key, id } = await createKey({ name: "frozen" });
      const runtime = testRuntime({ vars: { UPSTASH_REDIS_REST_URL: store.url } });
      const request = () => new Request("http://localhost/api/v1/autosourcing/jobs", { headers: bearer(key) });
      const first = await jobsDoor.serve(request(), fakeContext(), runtime);
      expect(first.status).toBe(503);
      expect(await json(first)).toMatchObject({ reason: "auth_unavailable" });
      expect(store.connections()).toBe(1);
      const second = await jobsDoor.serve(request(), fakeContext(), runtime);
      expect(second.status).toBe(503);
      expect(store.connections()).toBe(1);
      const [row] = await db().query<{ last_used_at: unknown }>("SELECT last_used_at FROM api_keys WHERE id = $1", [
        id,
      ]);
      expect(row?.last_used_at).toBeNull();
      const spend = await discoverDoor.serve(
        post("/api/v1/products/discover_with_scoring", { category: "business", max_results: 5 }),
        fakeContext(),
        runtime,
      );
      expect(spend.status).toBe(503);
      expect(store.connections()).toBe(1);
      expect(spendingRequests(running)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
