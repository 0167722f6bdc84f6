import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/index.ts";
import { ConfigError, envSchema, parseConfig } from "../../src/shared/index.ts";

const valid = {
  UPSTASH_REDIS_REST_URL: "https://x.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "t",
  DATABASE_URL: "postgres://u:p@h/db",
};

describe("config", () => {
  it("applies documented defaults", () => {
    const config = parseConfig(valid);
    expect(config.KEEPA_BASE_URL).toBe("https://api.keepa.com");
    expect(config.INTERACTIVE_FLOOR).toBe(10);
    expect(config.CORS_ALLOWED_ORIGINS).toEqual([]);
    expect(config.KEEPA_API_KEY).toBeUndefined();
  });

  it("names every missing and invalid variable at once", () => {
    let caught: unknown;
    try {
      parseConfig({ DATABASE_URL: "mysql://nope", INTERACTIVE_FLOOR: "-3" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain("UPSTASH_REDIS_REST_URL is missing");
    expect(message).toContain("UPSTASH_REDIS_REST_TOKEN is missing");
    expect(message).toContain("DATABASE_URL is invalid");
    expect(message).toContain("INTERACTIVE_FLOOR is invalid");
  });

  it("treats empty strings as unset", () => {
    expect(parseConfig({ ...valid, KEEPA_API_KEY: "", SENTRY_DSN: "" }).KEEPA_API_KEY).toBeUndefined();
  });

  it("parses the CORS allowlist", () => {
    const config = parseConfig({ ...valid, CORS_ALLOWED_ORIGINS: "https://a.test, https://b.test" });
    expect(config.CORS_ALLOWED_ORIGINS).toEqual(["https://a.test", "https://b.test"]);
  });

  it(".env.example documents exactly the variables of the schema", () => {
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const documented = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema().shape).sort());
  });
});

describe("TOKEN_COSTS_OVERRIDE", () => {
  const base = {
    UPSTASH_REDIS_REST_URL: "https://x.upstash.io",
    UPSTASH_REDIS_REST_TOKEN: "t",
    DATABASE_URL: "postgres://u:p@h/db",
  };

  it("fails fast at cold start when it names an unknown action", () => {
    expect(() => loadConfig({ ...base, TOKEN_COSTS_OVERRIDE: '{"mystery":{"cost":3}}' })).toThrow(
      /TOKEN_COSTS_OVERRIDE is invalid/,
    );
  });

  it("accepts a valid override", () => {
    expect(loadConfig({ ...base, TOKEN_COSTS_OVERRIDE: '{"manual_search":{"cost":40}}' }).TOKEN_COSTS_OVERRIDE).toBe(
      '{"manual_search":{"cost":40}}',
    );
  });
});
