import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "../../dev/keepa-simulator/server.ts";
import { log } from "../../src/shared/log.ts";
import { redactSecrets, redactString } from "../../src/shared/redact.ts";
import { fakeContext } from "../helpers/context.ts";
import { bearer, createKey, lookupRequest, productLookupEndpoint, startSimulatorForKeys } from "../auth/helpers.ts";

const KEEPA_SECRET = "keepa-log-secret-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
const WEBHOOK_SECRET = "whsec_log_test_secret_value";

describe("redaction", () => {
  // Kept in process.env: the scrubber reads configured secrets' values from there (src/shared/redact.ts).
  beforeAll(() => void Object.assign(process.env, { WEBHOOK_SECRET }));
  afterAll(() => void delete process.env.WEBHOOK_SECRET);

  it("scrubs query keys, bearer tokens, API keys, URL passwords and configured secret values", () => {
    const text =
      `GET https://api.keepa.com/product?key=abc123&asin=X Authorization: Bearer av_${"f".repeat(48)} ` +
      `postgres://u:hunter2@db/x sig ${WEBHOOK_SECRET}`;
    const out = redactString(text);
    for (const secret of ["abc123", "f".repeat(48), "hunter2", WEBHOOK_SECRET]) expect(out).not.toContain(secret);
    expect(out).toContain("asin=X");
  });

  it("scrubs credential-named fields at any depth and leaves other values alone", () => {
    const out = redactSecrets({
      request: { headers: { Authorization: "Basic x", "X-Signature-256": "sha256=1", accept: "json" } },
      list: [{ token: "t0ken", tokens: { spent: 3 } }],
    });
    expect(out).toEqual({
      request: { headers: { Authorization: "[REDACTED]", "X-Signature-256": "[REDACTED]", accept: "json" } },
      list: [{ token: "[REDACTED]", tokens: { spent: 3 } }],
    });
  });
});

describe("the request log line", () => {
  let running: RunningSimulator;
  let lines: Record<string, unknown>[];
  const lookup = productLookupEndpoint();

  beforeAll(async () => {
    // Kept in process.env: the scrubber reads the secrets' values from there (src/shared/redact.ts), and the
    // instance applies LOG_LEVEL to the process-wide logger (src/app/instance.ts); so requests use the instance.
    Object.assign(process.env, { KEEPA_API_KEY: KEEPA_SECRET, WEBHOOK_SECRET, LOG_LEVEL: "info" });
    running = await startSimulatorForKeys({ [KEEPA_SECRET]: { rate: 20 } });
  });
  afterAll(async () => {
    delete process.env.KEEPA_API_KEY;
    delete process.env.WEBHOOK_SECRET;
    process.env.LOG_LEVEL = "silent";
    await running?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  function capture(): () => string {
    const raw: string[] = [];
    lines = [];
    const sink = (line: string) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    };
    vi.spyOn(console, "info").mockImplementation(sink);
    vi.spyOn(console, "error").mockImplementation(sink);
    return () => raw.join("\n");
  }

  it(
    "is one JSON line per request with function, action, reservation, tokens, balance, cache hits and duration — " +
      "no secrets",
    async () => {
      const { key } = await createKey({ name: "logged" });
      const all = capture();
      const response = await lookup(lookupRequest(running.sim.catalogue.entries[0]!.asin, bearer(key)), fakeContext());
      expect(response.status).toBe(200);
      const requests = lines.filter((line) => line.msg === "request");
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        level: "info",
        fn: "test-product-lookup",
        action: "product_lookup",
        status: 200,
        reserved: 1,
        spent: 1,
        released: 0,
      });
      for (const field of ["reservationId", "balanceAfter", "durationMs", "apiKeyId", "requestId"])
        expect(requests[0], field).toHaveProperty(field);
      expect(all()).not.toContain(key);
      expect(all()).not.toContain(KEEPA_SECRET);
    },
  );

  it("carries the refusal reason, and an error line never carries a secret", async () => {
    const { key } = await createKey({ name: "quota-logged", dailyTokenQuota: 1 });
    const asin = running.sim.catalogue.entries[1]!.asin;
    capture();
    await lookup(lookupRequest(asin, bearer(key)), fakeContext());
    const all = capture();
    expect((await lookup(lookupRequest(asin, bearer(key)), fakeContext())).status).toBe(429);
    expect(lines.find((line) => line.msg === "request")).toMatchObject({
      action: "product_lookup",
      reason: "quota",
      status: 429,
    });
    log("error", "leak attempt", {
      url: `https://api.keepa.com/product?key=${KEEPA_SECRET}`,
      header: `Bearer ${key}`,
      note: WEBHOOK_SECRET,
      authorization: key,
    });
    for (const secret of [key, KEEPA_SECRET, WEBHOOK_SECRET]) expect(all()).not.toContain(secret);
  });
});
