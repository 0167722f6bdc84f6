import { describe, expect, it } from "vitest";
import { runKeysCli } from "../../scripts/keys.ts";
import { ensureDevKey, DEV_KEY_NAME } from "../../dev/dev-key.ts";
import { generateApiKey, hashApiKey, isWellFormedKey, keyPrefix, sameKey } from "../../src/app/auth/key-format.ts";
import { LOCAL_API_KEY } from "../../src/app/index.ts";
import { withPgQuery } from "../../dev/pg-query.ts";
import { findActiveKey, listApiKeys } from "../../src/app/auth/store.ts";

const databaseUrl = () => process.env.DATABASE_URL!;

async function cli(...argv: string[]): Promise<{ code: number; output: string; evicted: string[] }> {
  const lines: string[] = [];
  const evicted: string[] = [];
  const code = await runKeysCli(argv, databaseUrl(), {
    out: (line) => lines.push(line),
    evict: async (hashes) => evicted.push(...hashes),
  });
  return { code, output: lines.join("\n"), evicted };
}

const keyIn = (output: string) => /\bav_[0-9a-f]{48}\b/.exec(output)?.[0];

describe("key format", () => {
  it("generates av_ keys with 192 random bits, hashed as SHA-256 hex", () => {
    const key = generateApiKey();
    expect(key).toMatch(/^av_[0-9a-f]{48}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyPrefix(key)).toBe(key.slice(0, 8));
    expect(isWellFormedKey(key)).toBe(true);
    expect(isWellFormedKey(LOCAL_API_KEY)).toBe(true);
    for (const junk of [
      "",
      "av_",
      "av_short",
      "sk_" + "a".repeat(40),
      `av_${"a".repeat(40)}\u00e9`,
      `av_${"a".repeat(200)}`,
    ]) {
      expect(isWellFormedKey(junk), junk).toBe(false);
    }
    expect(sameKey(LOCAL_API_KEY, LOCAL_API_KEY)).toBe(true);
    expect(sameKey(key, LOCAL_API_KEY)).toBe(false);
  });
});

describe("npm run keys", () => {
  it("creates a key, prints it once, stores only its hash", async () => {
    const { code, output } = await cli("create", "--name", "ci bot", "--scopes", "tokens:spend", "--quota", "500");
    expect(code).toBe(0);
    const key = keyIn(output)!;
    expect(key).toBeDefined();
    expect(output).toContain("only time");
    const stored = await withPgQuery(databaseUrl(), (query) =>
      query("SELECT * FROM api_keys WHERE name = 'ci bot'", []),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(stored[0]).toMatchObject({
      key_hash: hashApiKey(key),
      key_prefix: key.slice(0, 8),
      scopes: ["tokens:spend"],
      daily_token_quota: 500,
    });
    const identity = await withPgQuery(databaseUrl(), (query) => findActiveKey(query, hashApiKey(key)));
    expect(identity).toEqual({
      apiKeyId: stored[0]!.id,
      name: "ci bot",
      scopes: ["tokens:spend"],
      dailyTokenQuota: 500,
    });
  });

  it("lists keys without the raw key", async () => {
    const { output: created } = await cli("create", "--name", "lister");
    const { code, output } = await cli("list");
    expect(code).toBe(0);
    expect(output).toContain("lister");
    expect(output).toContain("tokens:spend,data:write");
    expect(output).not.toContain(keyIn(created)!);
  });

  it("revokes by id or prefix, evicts the cache entry, and refuses an ambiguous prefix", async () => {
    const key = keyIn((await cli("create", "--name", "to revoke")).output)!;
    const byPrefix = await cli("revoke", keyPrefix(key));
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.evicted).toEqual([hashApiKey(key)]);
    expect(await withPgQuery(databaseUrl(), (query) => findActiveKey(query, hashApiKey(key)))).toBeUndefined();
    expect((await cli("revoke", keyPrefix(key))).code).toBe(1);
    await withPgQuery(databaseUrl(), (query) =>
      query("INSERT INTO api_keys (name, key_hash, key_prefix) VALUES ('a', $1, 'av_dupe0'), ('b', $2, 'av_dupe0')", [
        hashApiKey("x"),
        hashApiKey("y"),
      ]),
    );
    const ambiguous = await cli("revoke", "av_dupe0");
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.output).toContain("several");
    const rows = await withPgQuery(databaseUrl(), listApiKeys);
    const id = rows.find((row) => row.name === "a")!.id;
    expect((await cli("revoke", id)).code).toBe(0);
  });

  it("rejects bad arguments with usage and exit code 2", async () => {
    for (const argv of [
      [],
      ["nope"],
      ["create"],
      ["create", "--name", "x", "--scopes", "root"],
      ["create", "--name", "x", "--quota", "-5"],
      ["create", "--bogus"],
    ]) {
      const { code, output } = await cli(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(output).toContain("usage:");
    }
  });
});

describe("ensureDevKey (npm run dev)", () => {
  it("returns a fresh working key each run and revokes the previous run's", async () => {
    const first = await ensureDevKey(databaseUrl());
    const second = await ensureDevKey(databaseUrl());
    expect(second).not.toBe(first);
    await withPgQuery(databaseUrl(), async (query) => {
      expect(await findActiveKey(query, hashApiKey(first))).toBeUndefined();
      expect(await findActiveKey(query, hashApiKey(second))).toMatchObject({
        name: DEV_KEY_NAME,
        scopes: ["tokens:spend", "data:write", "admin"],
      });
    });
  });
});
