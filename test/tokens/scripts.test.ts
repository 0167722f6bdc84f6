import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getRedis } from "../../src/shared/redis.ts";
import { SCRIPTS } from "../../src/tokens/scripts.ts";

// Changing a ledger script changes its identity in every running instance: update these deliberately.
const PINNED = {
  reserve: "084a8c3d64e710c6557e6ec61c0b856f980e4710",
  settle: "d2a712eb594189e08aa5f8293098c1e4b49fb57f",
  sync: "c0a58f458de48281ad9a7ee4c1e011dd119aaaea",
  status: "5fc9e250697945ef9e6c46977ebdc1b5cde749a0",
};

describe("ledger scripts", () => {
  it("have the pinned SHA-1 that Redis computes on SCRIPT LOAD", async () => {
    for (const script of Object.values(SCRIPTS)) {
      expect(script.sha1).toBe(PINNED[script.name]);
      expect(await getRedis().scriptLoad(script.source)).toBe(script.sha1);
    }
  });

  it("each document KEYS, ARGV and the return tuple in their header", () => {
    for (const name of Object.keys(PINNED)) {
      const text = readFileSync(new URL(`../../src/tokens/lua/${name}.ts`, import.meta.url), "utf8");
      const header = text.slice(0, text.indexOf("export const"));
      expect(header, name).toMatch(/KEYS\[1\]/);
      expect(header, name).toMatch(/ARGV\[1\]/);
      expect(header, name).toMatch(/Returns \{/);
    }
  });
});
