import { describe, expect, it } from "vitest";
import { REDACTED, describeError, errorCode, redact, redactUrl } from "../../src/keepa/redact.ts";

const KEY = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6q7w8e9r0t1y2";

describe("redact", () => {
  it("removes key= values from URLs and strings", () => {
    expect(redactUrl(`https://api.keepa.com/product?key=${KEY}&domain=1&asin=0593655036`)).toBe(
      `https://api.keepa.com/product?key=${REDACTED}&domain=1&asin=0593655036`,
    );
    expect(redact("GET /token?key=abc&x=1 and &KEY=def")).toBe(`GET /token?key=${REDACTED}&x=1 and &KEY=${REDACTED}`);
  });

  it("removes the literal key anywhere, raw or URL-encoded", () => {
    expect(redact(`boom ${KEY}!`, KEY)).toBe(`boom ${REDACTED}!`);
    const odd = "a+b/c=d";
    expect(redact(`x ${encodeURIComponent(odd)} y ${odd}`, odd)).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it("removes any 64-character alphanumeric token even without knowing the key", () => {
    expect(redact(`token ${KEY} end`)).toBe(`token ${REDACTED} end`);
    expect(redact("ASIN 0593655036 stays")).toBe("ASIN 0593655036 stays");
  });

  it("describes errors by message and nested code, without the key", () => {
    const cause = Object.assign(new Error(`connect ECONNREFUSED for ?key=${KEY}`), { code: "ECONNREFUSED" });
    const error = new TypeError("fetch failed", { cause });
    expect(errorCode(error)).toBe("ECONNREFUSED");
    expect(describeError(error, KEY)).toBe("fetch failed (ECONNREFUSED)");
    expect(describeError(`oops ${KEY}`, KEY)).toBe(`oops ${REDACTED}`);
    const aggregate = new TypeError("fetch failed", {
      cause: new AggregateError([Object.assign(new Error("x"), { code: "EHOSTUNREACH" })]),
    });
    expect(errorCode(aggregate)).toBe("EHOSTUNREACH");
  });
});
