import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeepaClient } from "../../src/keepa/client.ts";
import type { KeepaClient } from "../../src/keepa/client.ts";
import { KeepaBudgetError } from "../../src/keepa/errors/budget-error.ts";
import { isKeepaError } from "../../src/keepa/errors/is-keepa-error.ts";
import type { KeepaError } from "../../src/keepa/errors/keepa-error.ts";
import type { KeepaResponseError } from "../../src/keepa/errors/response-error.ts";
import type { KeepaClientOptions } from "../../src/keepa/types.ts";
import { fixtureText } from "./helpers/fixtures.ts";
import { recordingMeter } from "./helpers/meter.ts";
import type { RecordingMeter } from "./helpers/meter.ts";
import { envelope, sendJson, startTestServer } from "./helpers/server.ts";
import type { TestServer } from "./helpers/server.ts";

const KEY = "testkey_client_0123456789";
let server: TestServer;
let meter: RecordingMeter;
let clock: number;

function client(options: Partial<KeepaClientOptions> = {}): KeepaClient {
  return createKeepaClient({
    apiKey: KEY,
    baseUrl: server.url,
    meter,
    now: () => clock,
    retry: { baseDelayMs: 1 },
    timeouts: { default: 400, offers: 600, token: 300 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<KeepaError> {
  try {
    await promise;
  } catch (error) {
    if (isKeepaError(error)) return error;
    throw error;
  }
  throw new Error("expected a KeepaError");
}

const asins = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `B${String(i + offset).padStart(9, "0")}`);
const productBody = (ids: string[], extra: Record<string, number> = {}) => ({
  ...envelope({ tokensConsumed: ids.length, ...extra }),
  products: ids.map((asin) => ({ asin, title: `t ${asin}` })),
});

beforeEach(async () => {
  server = await startTestServer();
  meter = recordingMeter();
  clock = 1_000_000;
});
afterEach(async () => {
  await server.close();
});

describe("token status", () => {
  it("GETs /token with the key and hands the envelope and local receive time to the meter", async () => {
    server.handle((req, res) => sendJson(res, 200, envelope({ tokensConsumed: 0 }), req));
    const result = await client().tokenStatus();
    expect(result).toEqual({ envelope: envelope({ tokensConsumed: 0 }), receivedAt: 1_000_000 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe("/token");
    expect(server.requests[0]!.query.get("key")).toBe(KEY);
    expect(meter.admits).toEqual([{ endpoint: "token", estimate: 0 }]);
    expect(meter.settles).toEqual([
      {
        endpoint: "token",
        estimate: 0,
        status: 200,
        envelope: envelope({ tokensConsumed: 0 }),
        receivedAt: 1_000_000,
        maybeCharged: false,
      },
    ]);
  });

  it("keeps a missing envelope field unknown, not 0", async () => {
    server.handle((req, res) => sendJson(res, 200, { tokensLeft: 5, refillRate: null }, req));
    const result = await client().tokenStatus();
    expect(result.envelope).toEqual({ tokensLeft: 5 });
    expect(meter.settles[0]!.maybeCharged).toBe(true);
  });
});

describe("products", () => {
  it("parses a real response body, gzip-compressed on the wire, and maps it by ASIN", async () => {
    server.handle((req, res) => sendJson(res, 200, fixtureText("product-book-0593655036.json"), req));
    const result = await client().products({
      domain: 1,
      asins: ["0593655036", "0593655036 ", "b000000000"],
      stats: 90,
    });
    const seen = server.requests[0]!;
    expect(seen.headers["accept-encoding"]).toMatch(/gzip/);
    expect(seen.query.get("asin")).toBe("0593655036,B000000000");
    expect(seen.query.get("stats")).toBe("90");
    expect(seen.query.get("domain")).toBe("1");
    expect(result.byAsin.get("0593655036")?.title).toMatch(/^The Anxious Generation/);
    expect(result.missing).toEqual(["B000000000"]);
    expect(result.tokensConsumed).toBe(1);
    expect(result.envelope.tokensLeft).toBe(1199);
    expect(meter.admits).toEqual([{ endpoint: "product", estimate: 2 }]);
    expect(meter.settles[0]!.envelope?.tokensConsumed).toBe(1);
  });

  it("chunks ≤100 ASINs per request, meters each chunk, never sends a duplicate", async () => {
    server.handle((req, res, seen) => sendJson(res, 200, productBody(seen.query.get("asin")!.split(",")), req));
    const ids = [...asins(150), ...asins(20)];
    const result = await client().products({ domain: 1, asins: ids });
    const sent = server.requests.map((r) => r.query.get("asin")!.split(","));
    expect(sent.map((s) => s.length)).toEqual([100, 50]);
    expect(new Set(sent.flat()).size).toBe(150);
    expect(meter.calls).toEqual(["admit", "settle", "admit", "settle"]);
    expect(meter.admits.map((a) => a.estimate)).toEqual([100, 50]);
    expect(result.products).toHaveLength(150);
    expect(result.tokensConsumed).toBe(150);
    expect(result.chunks.map((c) => c.items.length)).toEqual([100, 50]);
  });

  it("sends offers requests in chunks of 20 with the offers estimate and the long timeout", async () => {
    server.handle((req, res, seen) => {
      // Slower than the default timeout (400 ms) but within the offers one (600 ms).
      setTimeout(() => sendJson(res, 200, productBody(seen.query.get("asin")!.split(",")), req), 450);
    });
    await client().products({ domain: 1, asins: asins(25), offers: 20, onlyLiveOffers: true });
    expect(server.requests.map((r) => r.query.get("asin")!.split(",").length)).toEqual([20, 5]);
    expect(server.requests[0]!.query.get("offers")).toBe("20");
    expect(server.requests[0]!.query.get("only-live-offers")).toBe("1");
    expect(meter.admits.map((a) => a.estimate)).toEqual([240, 60]);
  });

  it("always sends code-limit with codes, so the estimate is a real bound", async () => {
    server.handle((req, res) => sendJson(res, 200, productBody(["0593655036"]), req));
    const result = await client().products({ domain: 1, codes: ["9780593655030"] });
    expect(server.requests[0]!.query.get("code")).toBe("9780593655030");
    expect(server.requests[0]!.query.get("code-limit")).toBe("10");
    expect(meter.admits[0]!.estimate).toBe(10);
    expect(result.missing).toEqual([]);
  });

  it("stops at a failing chunk and attaches what earlier chunks paid for", async () => {
    let n = 0;
    server.handle((req, res, seen) => {
      n += 1;
      if (n === 1) sendJson(res, 200, productBody(seen.query.get("asin")!.split(",")), req);
      else sendJson(res, 429, envelope({ tokensLeft: -40, tokensConsumed: 0 }), req);
    });
    const error = await failure(client().products({ domain: 1, asins: asins(300) }));
    expect(error.kind).toBe("not_enough_tokens");
    expect(server.requests).toHaveLength(2);
    const partial = error.partial as { products: unknown[]; missing: string[] };
    expect(partial.products).toHaveLength(100);
    expect(partial.missing).toHaveLength(200);
  });

  it("rejects bad parameters before sending or metering", async () => {
    const c = client();
    expect((await failure(c.products({ domain: 1, asins: ["nope"] }))).kind).toBe("bad_request");
    expect((await failure(c.products({ domain: 1, asins: ["0593655036"], offers: 10 }))).kind).toBe("bad_request");
    expect((await failure(c.products({ domain: 7, asins: ["0593655036"] }))).kind).toBe("bad_request");
    expect((await failure(c.products({ domain: 1, asins: [] }))).sent).toBe(false);
    expect(server.requests).toHaveLength(0);
    expect(meter.calls).toEqual([]);
  });
});

describe("error statuses", () => {
  it("never retries a 429 (ky's default would) and settles it with its envelope", async () => {
    server.handle((req, res) => {
      res.setHeader("retry-after", "1");
      sendJson(res, 429, envelope({ tokensLeft: -31, tokensConsumed: 0, refillIn: 38_205 }), req);
    });
    clock = 2_000_000;
    const error = await failure(
      client({ retry: { limit: 5, baseDelayMs: 1 } }).products({ domain: 1, asins: ["0593655036"] }),
    );
    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe("not_enough_tokens");
    expect(error.status).toBe(429);
    expect(error.maybeCharged).toBe(false);
    expect(error.envelope?.tokensLeft).toBe(-31);
    expect(meter.calls).toEqual(["admit", "settle"]);
    expect(meter.settles[0]).toMatchObject({
      status: 429,
      receivedAt: 2_000_000,
      maybeCharged: false,
      envelope: { refillIn: 38_205 },
    });
    expect(meter.settles[0]!.error).toBe(error);
  });

  it("retries a 500 whose envelope proves it was free, at most `limit` times, metering every attempt", async () => {
    server.handle((req, res) => sendJson(res, 500, envelope({ tokensConsumed: 0 }), req));
    const error = await failure(client().bestsellers({ domain: 1, category: 283155 }));
    expect(error.kind).toBe("server");
    expect(server.requests).toHaveLength(3);
    expect(meter.calls).toEqual(["admit", "settle", "admit", "settle", "admit", "settle"]);
  });

  it("returns the retried success", async () => {
    let n = 0;
    server.handle((req, res) => {
      n += 1;
      if (n === 1) sendJson(res, 500, envelope({ tokensConsumed: 0 }), req);
      else
        sendJson(
          res,
          200,
          {
            ...envelope({ tokensConsumed: 50 }),
            bestSellersList: { domainId: 1, categoryId: 283155, asinList: ["0593655036"] },
          },
          req,
        );
    });
    const result = await client().bestsellers({ domain: 1, category: 283155, range: 30 });
    expect(result.asinList).toEqual(["0593655036"]);
    expect(server.requests[1]!.query.get("range")).toBe("30");
    expect(meter.settles.map((s) => s.status)).toEqual([500, 200]);
  });

  it("does not retry a 500 that may have been charged (no envelope, or tokensConsumed > 0)", async () => {
    server.handle((_req, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    });
    const noEnvelope = await failure(client().categories({ domain: 1, ids: [283155] }));
    expect(noEnvelope).toMatchObject({ kind: "server", maybeCharged: true });
    server.handle((req, res) => sendJson(res, 503, envelope({ tokensConsumed: 1 }), req));
    const charged = await failure(client().categories({ domain: 1, ids: [283155] }));
    expect(charged).toMatchObject({ kind: "server", maybeCharged: false, status: 503 });
    expect(server.requests).toHaveLength(2);
  });

  it("maps a real 400 body to bad_request with Keepa's error object, no retry", async () => {
    server.handle((req, res) => sendJson(res, 400, fixtureText("error-400-deal-invalid-queryjson.json"), req));
    const error = await failure(client().deals({ domain: 1, selection: { priceTypes: [0], dateRange: 1 } }));
    expect(error).toMatchObject({ kind: "bad_request", status: 400, maybeCharged: false });
    expect(error.body).toEqual({
      type: "invalidParameter",
      message: "The queryJSON is of invalid format.",
      details: "dateRange",
    });
    expect(error.message).toContain("The queryJSON is of invalid format.");
    expect(server.requests).toHaveLength(1);
  });

  it("maps a real 200 that carries only an error to bad_request", async () => {
    server.handle((req, res) => sendJson(res, 200, fixtureText("error-200-product-invalid-offers.json"), req));
    const error = await failure(client().products({ domain: 1, asins: ["1133933424"] }));
    expect(error).toMatchObject({ kind: "bad_request", status: 200 });
    expect(error.envelope?.tokensLeft).toBe(295);
    expect(error.body?.message).toBe("Either no or a minimum of 20 offers must be requested.");
  });

  it("maps 402 to payment_required, never retried", async () => {
    server.handle((req, res) => sendJson(res, 402, { error: { message: "Invalid api key" }, tokensLeft: -1 }, req));
    const error = await failure(client().tokenStatus());
    expect(error).toMatchObject({ kind: "payment_required", status: 402 });
    expect(server.requests).toHaveLength(1);
  });
});

describe("transport failures", () => {
  it("times out a silent server: maybeCharged, not retried, settled once", async () => {
    server.handle(() => undefined);
    const error = await failure(client().products({ domain: 1, asins: ["0593655036"] }));
    expect(error).toMatchObject({ kind: "timeout", maybeCharged: true, sent: true });
    expect(server.requests).toHaveLength(1);
    expect(meter.settles).toHaveLength(1);
    expect(meter.settles[0]).toMatchObject({ maybeCharged: true, receivedAt: clock });
    expect(meter.settles[0]!.status).toBeUndefined();
  });

  it("times out a body that stalls after the headers", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"tokensLeft":1,');
    });
    const error = await failure(client().products({ domain: 1, asins: ["0593655036"] }));
    expect(error).toMatchObject({ kind: "timeout", maybeCharged: true });
  });

  it("treats a dropped connection as maybe charged and does not retry it", async () => {
    server.handle((req) => req.socket.destroy());
    const error = await failure(client().query({ domain: 1, selection: { rootCategory: 283155 } }));
    expect(error).toMatchObject({ kind: "network", maybeCharged: true, sent: true });
    expect(server.requests).toHaveLength(1);
    expect(meter.calls).toEqual(["admit", "settle"]);
  });

  it("retries a refused connection (provably never sent), metering each attempt", async () => {
    const url = server.url;
    await server.close();
    const c = createKeepaClient({ apiKey: KEY, baseUrl: url, meter, retry: { limit: 2, baseDelayMs: 1 } });
    const error = await failure(c.tokenStatus());
    expect(error).toMatchObject({ kind: "network", maybeCharged: false, sent: false, code: "ECONNREFUSED" });
    expect(meter.calls).toEqual(["admit", "settle", "admit", "settle", "admit", "settle"]);
    expect(meter.settles.at(-1)!.error).toBe(error);
    expect(meter.settles.every((s) => !s.maybeCharged)).toBe(true);
  });

  it("reports a schema failure with the path and the envelope, settled as not maybe-charged", async () => {
    server.handle((req, res) =>
      sendJson(res, 200, { ...envelope(), products: [{ asin: "0593655036", csv: [[1, "x"]] }] }, req),
    );
    const error = (await failure(client().products({ domain: 1, asins: ["0593655036"] }))) as KeepaResponseError;
    expect(error.kind).toBe("invalid_response");
    expect(error.path).toBe("products[0].csv[0][1]");
    expect(error.envelope?.tokensConsumed).toBe(1);
    expect(meter.settles[0]).toMatchObject({ status: 200, maybeCharged: false, envelope: { tokensConsumed: 1 } });
  });

  it("reports a non-JSON 200 as invalid_response, maybe charged", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("not json");
    });
    const error = (await failure(client().tokenStatus())) as KeepaResponseError;
    expect(error).toMatchObject({ kind: "invalid_response", path: "(body)", maybeCharged: true });
  });
});

describe("admission and deadline", () => {
  it("sends nothing when the meter refuses", async () => {
    meter = recordingMeter(() => new KeepaBudgetError("daily budget spent"));
    const error = await failure(client().bestsellers({ domain: 1, category: 283155 }));
    expect(error).toMatchObject({ kind: "budget_exhausted", sent: false, maybeCharged: false });
    expect(server.requests).toHaveLength(0);
    expect(meter.calls).toEqual(["admit"]);
  });

  it("passes any other admit error through untouched", async () => {
    const boom = new Error("ledger down");
    meter = recordingMeter(() => boom);
    await expect(client().tokenStatus()).rejects.toBe(boom);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an attempt whose timeout would end past the deadline, before admit", async () => {
    const c = client({ deadline: () => clock + 399 });
    const error = await failure(c.products({ domain: 1, asins: ["0593655036"] }));
    expect(error).toMatchObject({ kind: "timeout", sent: false, maybeCharged: false });
    expect(meter.calls).toEqual([]);
    expect(server.requests).toHaveLength(0);
    server.handle((req, res) => sendJson(res, 200, productBody(["0593655036"]), req));
    await client({ deadline: () => clock + 400 }).products({ domain: 1, asins: ["0593655036"] });
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry past the deadline", async () => {
    server.handle((req, res) => sendJson(res, 500, envelope({ tokensConsumed: 0 }), req));
    // token timeout 300 ms + a backoff of at least 200 ms would end past the deadline (450 ms away).
    const c = client({ deadline: () => 1_000_450, retry: { baseDelayMs: 400 } });
    const error = await failure(c.tokenStatus());
    expect(error.kind).toBe("server");
    expect(server.requests).toHaveLength(1);
  });
});

describe("other endpoints", () => {
  it("query: perPage raised to 50, selection as JSON, estimate 11", async () => {
    server.handle((req, res) =>
      sendJson(res, 200, { ...envelope({ tokensConsumed: 11 }), asinList: ["0593655036"], totalResults: 1234 }, req),
    );
    const result = await client().query({
      domain: 1,
      selection: { rootCategory: 283155, perPage: 10, current_SALES_lte: 100_000 },
    });
    expect(JSON.parse(server.requests[0]!.query.get("selection")!)).toEqual({
      rootCategory: 283155,
      perPage: 50,
      page: 0,
      current_SALES_lte: 100_000,
    });
    expect(result).toMatchObject({ asinList: ["0593655036"], totalResults: 1234, perPage: 50 });
    expect(meter.admits).toEqual([{ endpoint: "query", estimate: 11 }]);
    const tooDeep = await failure(client().query({ domain: 1, selection: { page: 101, perPage: 100 } }));
    expect(tooDeep).toMatchObject({ kind: "bad_request", sent: false });
  });

  it("categories and category search", async () => {
    const category = { catId: 283155, name: "Books", parent: 0, children: [1000] };
    server.handle((req, res) => sendJson(res, 200, { ...envelope(), categories: { "283155": category } }, req));
    const byId = await client().categories({ domain: 1, ids: [283155, 283155], parents: true });
    expect(byId.categories["283155"]?.name).toBe("Books");
    expect(byId.categoryParents).toEqual({});
    expect(server.requests[0]!.query.get("category")).toBe("283155");
    expect(server.requests[0]!.query.get("parents")).toBe("1");
    const found = await client().searchCategories({ domain: 1, term: "books  self" });
    expect(found.categories["283155"]?.catId).toBe(283155);
    expect(server.requests[1]!.path).toBe("/search");
    expect(server.requests[1]!.query.get("type")).toBe("category");
    expect(server.requests[1]!.query.get("term")).toBe("books self");
    expect(meter.admits.map((a) => a.endpoint)).toEqual(["category", "search"]);
    expect((await failure(client().searchCategories({ domain: 1, term: "ab" }))).kind).toBe("bad_request");
  });

  it("bestsellers: no list → empty, not an error", async () => {
    server.handle((req, res) => sendJson(res, 200, { ...envelope({ tokensConsumed: 0 }), bestSellersList: null }, req));
    const result = await client().bestsellers({ domain: 1, category: "books" });
    expect(result).toMatchObject({ list: null, asinList: [] });
    expect((await failure(client().bestsellers({ domain: 12, category: 1 }))).kind).toBe("bad_request");
  });

  it("deals: selection carries domainId", async () => {
    server.handle((req, res) =>
      sendJson(
        res,
        200,
        {
          ...envelope({ tokensConsumed: 5 }),
          deals: { dr: [{ asin: "0593655036" }], categoryIds: [283155], categoryNames: ["Books"], categoryCount: [1] },
        },
        req,
      ),
    );
    const result = await client().deals({ domain: 1, selection: { priceTypes: [0] } });
    expect(JSON.parse(server.requests[0]!.query.get("selection")!)).toMatchObject({
      domainId: 1,
      priceTypes: [0],
      page: 0,
    });
    expect(result.deals.map((d) => d.asin)).toEqual(["0593655036"]);
    expect(meter.admits).toEqual([{ endpoint: "deal", estimate: 5 }]);
  });
});
