// POST /api/v1/autosourcing/run (HMAC-signed trigger) and the signed completion webhooks going out, with retries.
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import runDoor from "../../netlify/functions/autosourcing-run.mts";
import schedulerDoor from "../../netlify/functions/autosourcing-scheduler.mts";
import type { EndpointHandler, Runtime } from "../../src/app/index.ts";
import { hmacHex, MissingSecretError, signRequest } from "../../src/autosourcing/index.ts";
import type { AutosourcingDeps } from "../../src/autosourcing/index.ts";
import { fakeContext, json } from "../helpers/context.ts";
import { useSimulator } from "../helpers/simulator.ts";
import { capturingDeps, clearRedis, createProfile, db, deliver, testClock, withDeps } from "./helpers.ts";
import type { Vars } from "./helpers.ts";

const SECRET = "test-webhook-secret-0123456789";
const running = await useSimulator();

type Received = { headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let failuresLeft = 0;
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = failuresLeft-- > 0 ? 500 : 204;
    res.end();
  });
});

/** The config every runtime in this file is built with: the trigger's secret and the receiver as webhook target. */
let vars: Vars;
/** A door served on a runtime with this file's config and the test's AutoSourcing parts. */
const served = (door: EndpointHandler<Runtime>, deps: () => AutosourcingDeps) => withDeps(door, deps, vars);
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  vars = {
    WEBHOOK_SECRET: SECRET,
    COMPLETION_WEBHOOK_URLS: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  };
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

beforeEach(async () => {
  running.sim.reset({ balance: 1200, rate: 20 });
  await clearRedis();
  await db().query("DELETE FROM profiles");
  received.length = 0;
  failuresLeft = 0;
});

function trigger(
  clock: { now: () => number },
  deps: ReturnType<typeof capturingDeps>["deps"],
  body: unknown,
  options: { secret?: string; at?: number; key?: string; signature?: string } = {},
) {
  const raw = JSON.stringify(body);
  const signed = signRequest(options.secret ?? SECRET, raw, options.at ?? clock.now());
  const headers: Record<string, string> = { "content-type": "application/json", ...signed };
  if (options.signature) headers["x-signature"] = options.signature;
  if (options.key) headers["idempotency-key"] = options.key;
  return served(runDoor, deps)(
    new Request("http://localhost/api/v1/autosourcing/run", { method: "POST", headers, body: raw }),
    fakeContext(),
  );
}

const jobCount = async () => (await db().query<{ n: number }>("SELECT count(*)::int AS n FROM jobs"))[0]!.n;

describe("POST /api/v1/autosourcing/run", () => {
  it("refuses a wrong secret, a tampered body, a stale or missing signature with 401, creating no job", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now, {}, vars);
    const profileId = await createProfile();
    const cases = [
      await trigger(clock, deps, { profileId }, { secret: "another-secret-0123456789" }),
      await trigger(
        clock,
        deps,
        { profileId },
        { signature: hmacHex(SECRET, `${Math.floor(clock.now() / 1000)}.{"profileId":"x"}`) },
      ),
      await trigger(clock, deps, { profileId }, { at: clock.now() - 6 * 60_000 }),
      await trigger(clock, deps, { profileId }, { at: clock.now() + 6 * 60_000 }),
      await served(runDoor, deps)(
        new Request("http://localhost/api/v1/autosourcing/run", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ profileId }),
        }),
        fakeContext(),
      ),
    ];
    const reasons = [];
    for (const response of cases) {
      expect(response.status).toBe(401);
      reasons.push((await json<{ reason: string }>(response)).reason);
    }
    expect(reasons).toEqual([
      "signature_mismatch",
      "signature_mismatch",
      "signature_stale",
      "signature_stale",
      "signature_missing",
    ]);
    expect(await jobCount()).toBe(0);
    expect(sent).toEqual([]);
  });

  it("accepts a signed request with 202 and a status URL; the same Idempotency-Key gives the same job", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now, {}, vars);
    const profileId = await createProfile();
    const first = await trigger(clock, deps, { profileId }, { key: "zap-run-1" });
    expect(first.status).toBe(202);
    const body = await json<{ jobId: string; status: string; statusUrl: string }>(first);
    expect(body).toMatchObject({
      status: "pending",
      statusUrl: `http://localhost/api/v1/autosourcing/jobs/${body.jobId}`,
    });
    expect(sent).toHaveLength(1);

    const again = await trigger(clock, deps, { profileId }, { key: "zap-run-1" });
    expect(again.status).toBe(202);
    expect((await json<{ jobId: string }>(again)).jobId).toBe(body.jobId);
    expect(sent).toHaveLength(1);
    expect(await jobCount()).toBe(1);

    // A new delivery is signed anew; the same signature under another key would be a replay (409).
    clock.advance(1000);
    const other = await trigger(clock, deps, { profileId }, { key: "zap-run-2" });
    expect((await json<{ jobId: string }>(other)).jobId).not.toBe(body.jobId);
    expect(await jobCount()).toBe(2);
  });

  it("404 for an unknown profile, 400 for a bad body — both only after the signature", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now, {}, vars);
    expect((await trigger(clock, deps, { profileId: "4a3e1f0c-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await trigger(clock, deps, { profile: 1 })).status).toBe(400);
    expect(await jobCount()).toBe(0);
  });
});

describe("the trigger's order of checks", () => {
  it("touches no store before the signature, and leaves no job when the worker's secret is missing", async () => {
    const clock = testClock();
    const { deps } = capturingDeps(clock.now, {}, vars);
    const profileId = await createProfile();
    let touched = 0;
    const untouchable = { query: async () => ((touched += 1), []), transaction: async () => void (touched += 1) };
    const guarded = () => ({ ...deps(), db: untouchable, signingSecret: () => ((touched += 1), "x".repeat(32)) });
    const unsigned = await served(runDoor, guarded)(
      new Request("http://localhost/api/v1/autosourcing/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ profileId }),
      }),
      fakeContext(),
    );
    expect(unsigned.status).toBe(401);
    expect(touched).toBe(0);
    const noSecret = () => ({
      ...deps(),
      signingSecret: () => {
        throw new MissingSecretError("INTERNAL_SIGNING_SECRET is not set");
      },
    });
    const response = await trigger(clock, noSecret, { profileId });
    expect(response.status).toBe(503);
    expect(await jobCount()).toBe(0);
  });
});

describe("completion webhooks", () => {
  it(
    "a finished job posts a signed autosourcing.job.completed; " + "a failed delivery is retried by a later tick",
    async () => {
      const clock = testClock();
      const { deps, sent } = capturingDeps(clock.now, {}, vars);
      const profileId = await createProfile();
      failuresLeft = 1;
      const accepted = await json<{ jobId: string }>(await trigger(clock, deps, { profileId }));
      const run = await deliver(running, deps, sent[0]!, vars);
      expect(run.body).toMatchObject({ ran: true, status: "succeeded" });

      expect(received).toHaveLength(1);
      const [attempt] = received;
      expect(attempt!.headers["x-webhook-signature"]).toBe(hmacHex(SECRET, attempt!.body));
      const payload = JSON.parse(attempt!.body) as { event: string; data: Record<string, unknown> };
      expect(payload).toMatchObject({
        event: "autosourcing.job.completed",
        data: { jobId: accepted.jobId, profileId, status: "succeeded" },
      });
      const [failed] = await db().query<{ status: string; attempts: number }>(
        "SELECT status, attempts::int FROM webhook_deliveries",
      );
      expect(failed).toMatchObject({ status: "failed", attempts: 1 });

      clock.advance(2 * 60_000);
      await served(schedulerDoor, deps)(
        new Request("http://localhost/x", { method: "POST", headers: { "x-nf-event": "schedule" }, body: "{}" }),
        fakeContext(),
      );
      expect(received).toHaveLength(2);
      expect(received[1]!.body).toBe(attempt!.body);
      const [delivered] = await db().query<{ status: string; attempts: number }>(
        "SELECT status, attempts::int FROM webhook_deliveries",
      );
      expect(delivered).toMatchObject({ status: "delivered", attempts: 2 });
    },
  );

  it("a skipped job that is retried and succeeds sends a second webhook with the success payload", async () => {
    const clock = testClock();
    const { deps, sent } = capturingDeps(clock.now, {}, vars);
    const profileId = await createProfile();
    running.sim.setBalance(350); // under the batch floor: the first run is skipped
    const tick = () =>
      served(schedulerDoor, deps)(
        new Request("http://localhost/x", { method: "POST", headers: { "x-nf-event": "schedule" }, body: "{}" }),
        fakeContext(),
      );
    await tick();
    await deliver(running, deps, sent[0]!, vars);
    expect(received.map((r) => (JSON.parse(r.body) as { data: { status: string } }).data.status)).toEqual(["skipped"]);

    running.sim.reset({ balance: 1200, rate: 20 });
    await clearRedis();
    clock.advance(10 * 60_000);
    await tick();
    const run = await deliver(running, deps, sent[1]!, vars);
    expect(run.body).toMatchObject({ ran: true, status: "succeeded" });
    const payloads = received.map(
      (r) =>
        JSON.parse(r.body) as { data: { jobId: string; profileId: string; status: string; selectedCount: number } },
    );
    expect(payloads.map((p) => p.data.status)).toEqual(["skipped", "succeeded"]);
    expect(payloads[1]!.data).toMatchObject({ jobId: payloads[0]!.data.jobId, profileId });
    expect(payloads[1]!.data.selectedCount).toBeGreaterThan(0);
  });
});
