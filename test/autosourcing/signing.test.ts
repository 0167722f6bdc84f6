import { describe, expect, it } from "vitest";
import { hmacHex, signRequest, verifyRequest } from "../../src/autosourcing/signing.ts";

const SECRET = "s".repeat(32);
const NOW = Date.UTC(2026, 9, 1, 12, 0, 0);

describe("HMAC signatures", () => {
  it("signs `${timestamp}.${body}` as sha256=<hex> and verifies it", () => {
    const headers = signRequest(SECRET, '{"a":1}', NOW);
    expect(headers["x-timestamp"]).toBe(String(NOW / 1000));
    expect(headers["x-signature"]).toBe(hmacHex(SECRET, `${NOW / 1000}.{"a":1}`));
    expect(headers["x-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyRequest(SECRET, new Headers(headers), '{"a":1}', NOW + 299_000)).toEqual({ ok: true });
  });

  it("refuses a changed body, a wrong key, an old or future timestamp, and junk headers", () => {
    const headers = new Headers(signRequest(SECRET, "{}", NOW));
    expect(verifyRequest(SECRET, headers, "{ }", NOW)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRequest("x".repeat(32), headers, "{}", NOW)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRequest(SECRET, headers, "{}", NOW + 301_000)).toEqual({ ok: false, reason: "stale" });
    expect(verifyRequest(SECRET, headers, "{}", NOW - 301_000)).toEqual({ ok: false, reason: "stale" });
    expect(verifyRequest(SECRET, new Headers(), "{}", NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifyRequest(SECRET, new Headers({ "x-signature": "sha256=zz", "x-timestamp": "1" }), "{}", NOW)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(
      verifyRequest(
        SECRET,
        new Headers({ "x-signature": headers.get("x-signature")!, "x-timestamp": "1e9" }),
        "{}",
        NOW,
      ),
    ).toEqual({ ok: false, reason: "malformed" });
  });
});
