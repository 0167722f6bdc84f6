// Webhook subscriptions by API (POST/GET /api/v1/webhooks, DELETE /api/v1/webhooks/:id): per key, signed with their
// own secret, delivered for the jobs of the owner key's profiles, recorded and retried like the configured URLs.
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import profilesDoor from "../../netlify/functions/autosourcing-profiles.mts";
import runDoor from "../../netlify/functions/autosourcing-run.mts";
import schedulerDoor from "../../netlify/functions/autosourcing-scheduler.mts";
import webhookDoor from "../../netlify/functions/webhook.mts";
import webhooksDoor from "../../netlify/functions/webhooks.mts";
import { hmacHex, openSecret, sealSecret, signRequest, webhookUrlProblem } from "../../src/autosourcing/index.ts";
import { createKey } from "../auth/helpers.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { testRuntime } from "../helpers/runtime.ts";
import { bearer, useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, db, deliver, PROFILE, testClock, withDeps } from "./helpers.ts";
import type { Vars } from "./helpers.ts";

const TRIGGER_SECRET = "test-webhook-secret-0123456789";
const running = await useSimulator();

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let failuresLeft = 0;
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body });
    res.statusCode = req.url === "/sub" && failuresLeft-- > 0 ? 500 : 204;
    res.end();
  });
});
let base: string;
let vars: Vars;
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  vars = { WEBHOOK_SECRET: TRIGGER_SECRET, COMPLETION_WEBHOOK_URLS: `${base}/env` };
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let owner: { key: string; id: string };
let other: { key: string; id: string };
beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
  await db().query("DELETE FROM webhook_subscriptions");
  received.length = 0;
  failuresLeft = 0;
  owner = await createKey({ name: "owner", scopes: ["tokens:spend", "data:write"] });
  other = await createKey({ name: "other", scopes: ["tokens:spend", "data:write"] });
});

const call = (method: string, key: string, body?: unknown, path = "") => {
  const init: RequestInit = { method, headers: { ...bearer(key), "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const request = new Request(`http://localhost/api/v1/webhooks${path}`, init);
  if (method === "DELETE") return webhookDoor(request, fakeContext({ params: { id: path.slice(1) } }));
  return webhooksDoor(request, fakeContext());
};

type Created = { subscription: { id: string; url: string; events: string[] }; secret: string };
async function subscribe(key: string, body: Record<string, unknown>): Promise<Created> {
  const response = await call("POST", key, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return json<Created>(response);
}

async function ownedProfile(key: string): Promise<string> {
  const request = new Request("http://localhost/api/v1/autosourcing/profiles", {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify(PROFILE),
  });
  const response = await profilesDoor(request, fakeContext());
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ profile: { id: string } }>(response)).profile.id;
}

/** One job of the profile, started by the signed trigger and run by the worker as Netlify would. */
async function runJobOf(clock: ReturnType<typeof testClock>, profileId: string) {
  const { deps, sent } = capturingDeps(clock.now, {}, vars);
  clock.advance(1000); // a fresh signature per trigger
  const raw = JSON.stringify({ profileId });
  const headers = { "content-type": "application/json", ...signRequest(TRIGGER_SECRET, raw, clock.now()) };
  const accepted = await withDeps(
    runDoor,
    deps,
    vars,
  )(new Request("http://localhost/api/v1/autosourcing/run", { method: "POST", headers, body: raw }), fakeContext());
  expect(accepted.status).toBe(202);
  const run = await deliver(running, deps, sent[0]!, vars);
  return { deps, run, jobId: (await json<{ jobId: string }>(accepted)).jobId };
}

const at = (path: string) => received.filter((r) => r.path === path);
const payloadOf = (r: Received) =>
  JSON.parse(r.body) as { event: string; timestamp: string; data: { jobId: string; status: string } };

describe("webhook subscriptions", () => {
  it("create → list → a job's signed delivery reaches the receiver → delete → the next job sends it nothing", async () => {
    const clock = testClock();
    const profileId = await ownedProfile(owner.key);
    const created = await subscribe(owner.key, { url: `${base}/sub`, events: ["autosourcing.job.completed"] });
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.subscription).toMatchObject({ url: `${base}/sub`, events: ["autosourcing.job.completed"] });

    const listed = await call("GET", owner.key);
    expect(listed.status).toBe(200);
    const listText = await listed.text();
    expect(listText).not.toContain(created.secret);
    expect(JSON.parse(listText)).toEqual({
      items: [expect.objectContaining({ id: created.subscription.id, url: `${base}/sub` })],
      limit: 20,
      nextCursor: null,
    });

    const first = await runJobOf(clock, profileId);
    expect(first.run.body).toMatchObject({ ran: true, status: "succeeded" });
    const [delivery] = at("/sub");
    expect(delivery).toBeDefined();
    expect(delivery!.headers["x-webhook-signature"]).toBe(hmacHex(created.secret, delivery!.body));
    expect(delivery!.headers["x-webhook-event"]).toBe("autosourcing.job.completed");
    expect(payloadOf(delivery!)).toMatchObject({
      event: "autosourcing.job.completed",
      data: { jobId: first.jobId, status: "succeeded" },
    });
    // The configured URL still gets its own copy, signed with the configured secret.
    const [configured] = at("/env");
    expect(configured!.headers["x-webhook-signature"]).toBe(hmacHex(TRIGGER_SECRET, configured!.body));

    const removed = await call("DELETE", owner.key, undefined, `/${created.subscription.id}`);
    expect(removed.status).toBe(204);
    expect(await json(await call("GET", owner.key))).toEqual({ items: [], limit: 20, nextCursor: null });

    const second = await runJobOf(clock, profileId);
    expect(second.run.body).toMatchObject({ ran: true, status: "succeeded" });
    expect(at("/sub")).toHaveLength(1);
    expect(at("/env")).toHaveLength(2);
  });

  it("with WEBHOOK_SUBSCRIPTION_KEY the secret is stored encrypted and still signs", async () => {
    const clock = testClock();
    const saved = vars;
    vars = { ...vars, WEBHOOK_SUBSCRIPTION_KEY: "subscription-key-for-tests-0123456789" };
    try {
      const profileId = await ownedProfile(owner.key);
      const request = new Request("http://localhost/api/v1/webhooks", {
        method: "POST",
        headers: { ...bearer(owner.key), "content-type": "application/json" },
        body: JSON.stringify({ url: `${base}/sub`, events: ["autosourcing.job.completed"] }),
      });
      const response = await webhooksDoor.serve(request, fakeContext(), testRuntime({ vars }));
      expect(response.status).toBe(201);
      const created = await json<Created>(response);
      const [row] = await db().query<{ secret: string }>("SELECT secret FROM webhook_subscriptions");
      expect(row!.secret).toMatch(/^v1:/);
      expect(row!.secret).not.toContain(created.secret);
      await runJobOf(clock, profileId);
      const [delivery] = at("/sub");
      expect(delivery!.headers["x-webhook-signature"]).toBe(hmacHex(created.secret, delivery!.body));
    } finally {
      vars = saved;
    }
  });

  it("a failed delivery is retried by a later tick with the same signed bytes", async () => {
    const clock = testClock();
    const profileId = await ownedProfile(owner.key);
    const secret = "my-own-subscription-secret-42";
    const created = await subscribe(owner.key, { url: `${base}/sub`, events: ["autosourcing.job.completed"], secret });
    expect(created.secret).toBe(secret);
    failuresLeft = 1;
    const { deps } = await runJobOf(clock, profileId);
    const query = "SELECT status, attempts::int FROM webhook_deliveries WHERE subscription_id = $1";
    expect((await db().query(query, [created.subscription.id]))[0]).toMatchObject({ status: "failed", attempts: 1 });

    clock.advance(2 * 60_000);
    await withDeps(
      schedulerDoor,
      deps,
      vars,
    )(
      new Request("http://localhost/x", { method: "POST", headers: { "x-nf-event": "schedule" }, body: "{}" }),
      fakeContext(),
    );
    const attempts = at("/sub");
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.body).toBe(attempts[0]!.body);
    expect(attempts[1]!.headers["x-webhook-signature"]).toBe(hmacHex(secret, attempts[1]!.body));
    expect((await db().query(query, [created.subscription.id]))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("autosourcing.job.failed goes only to those who asked, at an end that failed", async () => {
    const clock = testClock();
    const profileId = await ownedProfile(owner.key);
    const created = await subscribe(owner.key, { url: `${base}/sub`, events: ["autosourcing.job.failed"] });
    const ok = await runJobOf(clock, profileId);
    expect(ok.run.body).toMatchObject({ status: "succeeded" });
    expect(at("/sub")).toHaveLength(0);

    // The owner key loses tokens:spend: its profile's next job fails without spending.
    await db().query("UPDATE api_keys SET scopes = '{data:write}' WHERE id = $1", [owner.id]);
    const failed = await runJobOf(clock, profileId);
    expect(failed.run.body).toMatchObject({ status: "failed" });
    const [delivery] = at("/sub");
    expect(payloadOf(delivery!)).toMatchObject({
      event: "autosourcing.job.failed",
      data: { jobId: failed.jobId, status: "failed" },
    });
    expect(delivery!.headers["x-webhook-signature"]).toBe(hmacHex(created.secret, delivery!.body));
    expect(at("/sub")).toHaveLength(1);
  });

  it("another key can neither see nor delete it, nor receive its jobs' events", async () => {
    const clock = testClock();
    const profileId = await ownedProfile(owner.key);
    const mine = await subscribe(owner.key, { url: `${base}/sub`, events: ["autosourcing.job.completed"] });
    await subscribe(other.key, { url: `${base}/other`, events: ["autosourcing.job.completed"] });
    const theirs = await json<{ items: { id: string }[] }>(await call("GET", other.key));
    expect(theirs.items.map((s) => s.id)).not.toContain(mine.subscription.id);
    expect((await call("DELETE", other.key, undefined, `/${mine.subscription.id}`)).status).toBe(404);
    expect((await call("DELETE", owner.key, undefined, "/4a3e1f0c-0000-4000-8000-000000000000")).status).toBe(404);
    const still = await json<{ items: { id: string }[] }>(await call("GET", owner.key));
    expect(still.items.map((s) => s.id)).toEqual([mine.subscription.id]);

    await runJobOf(clock, profileId);
    expect(at("/sub")).toHaveLength(1);
    expect(at("/other")).toHaveLength(0);
  });

  it("lists in cursor pages", async () => {
    for (const n of [1, 2, 3])
      await subscribe(owner.key, { url: `${base}/p${n}`, events: ["autosourcing.job.completed"] });
    type Page = { items: { url: string }[]; limit: number; nextCursor: string | null };
    const first = await json<Page>(await call("GET", owner.key, undefined, "?limit=2"));
    expect(first.items.map((s) => s.url)).toEqual([`${base}/p1`, `${base}/p2`]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json<Page>(
      await call("GET", owner.key, undefined, `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`),
    );
    expect(second).toEqual({ items: [expect.objectContaining({ url: `${base}/p3` })], limit: 2, nextCursor: null });
    expect((await call("GET", owner.key, undefined, "?cursor=nonsense")).status).toBe(400);
  });

  it("bad input is refused with 400 and field errors; creating needs data:write", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ url: "http://example.com/hook", events: ["autosourcing.job.completed"] }, "url", /https/],
      [{ url: "ftp://example.com/hook", events: ["autosourcing.job.completed"] }, "url", /https/],
      [{ url: "https://example.com/hook", events: ["autosourcing.job.started"] }, "events.0", /Events/],
      [{ url: "https://example.com/hook", events: [] }, "events", /./],
      [{ url: "https://10.0.0.7/hook", events: ["autosourcing.job.completed"] }, "url", /private/],
      [{ url: "https://169.254.169.254/latest", events: ["autosourcing.job.completed"] }, "url", /private/],
      [{ url: "https://metadata.google.internal/", events: ["autosourcing.job.completed"] }, "url", /internal/],
      [{ url: "https://[fd00::1]/", events: ["autosourcing.job.completed"] }, "url", /private/],
      [{ url: "https://example.com/", events: ["autosourcing.job.completed"], secret: "short" }, "secret", /./],
    ];
    for (const [body, field, message] of cases) {
      const response = await call("POST", owner.key, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = await json<{ errors: { field: string; message: string }[] }>(response);
      expect(problem.errors, JSON.stringify(body)).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const reader = await createKey({ name: "reader", scopes: [] });
    const refused = await call("POST", reader.key, {
      url: "https://example.com/",
      events: ["autosourcing.job.completed"],
    });
    expect(refused.status).toBe(403);
    expect((await call("GET", reader.key)).status).toBe(200);
    expect((await db().query("SELECT 1 FROM webhook_subscriptions")).length).toBe(0);
  });
});

describe("the rules underneath", () => {
  it("loopback over http only in local mode; private hosts never", () => {
    expect(webhookUrlProblem("http://127.0.0.1:9/x", true)).toBeUndefined();
    expect(webhookUrlProblem("http://127.0.0.1:9/x", false)).toMatch(/https/);
    expect(webhookUrlProblem("https://localhost/x", false)).toMatch(/internal/);
    expect(webhookUrlProblem("https://192.168.1.1/x", true)).toMatch(/private/);
    expect(webhookUrlProblem("https://[::ffff:10.0.0.1]/x", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://user:pw@example.com/x", false)).toMatch(/credentials/);
    expect(webhookUrlProblem("https://hooks.example.com/x", false)).toBeUndefined();
  });

  it("secrets are sealed under the configured key and opened only with it", () => {
    const sealed = sealSecret("s3cret-value-0123456789", "k".repeat(32));
    expect(sealed).not.toContain("s3cret");
    expect(openSecret(sealed, "k".repeat(32))).toBe("s3cret-value-0123456789");
    expect(openSecret(sealed, "x".repeat(32))).toBeUndefined();
    expect(openSecret(sealed, undefined)).toBeUndefined();
    expect(openSecret(sealSecret("plain-one-0123456789", undefined), undefined)).toBe("plain-one-0123456789");
  });
});
