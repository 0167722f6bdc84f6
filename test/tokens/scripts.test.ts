import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getRedis } from "../../src/shared/redis.ts";
import { SCRIPTS } from "../../src/tokens/scripts.ts";

// Changing a ledger script changes its identity in every running instance: update these deliberately.
const PINNED = {
  reserve: "e7791041eef65f6504858f07bd2dbfc0df3173b1",
  settle: "48dacac2ad8fc6cc6904724c2ec24992bd69d41d",
  sync: "1641d170ac5badc5a8a6d085ab2913c411c6bd5d",
  status: "ca14b5d15f783e09fcc334a7adc528817da8b48e",
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
