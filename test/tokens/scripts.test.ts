import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCRIPTS } from "../../src/tokens/transport.ts";
import { testRedis } from "../helpers/runtime.ts";

// Changing a ledger script changes its identity in every running instance: update these deliberately.
const PINNED = {
  reserve: "f25e590c9c444b339d9d17ab84c3f2648d3aeea8",
  settle: "9629bb1855d90e73e70d58e167a1449ed25a02ed",
  sync: "1356bbd880698318b23a46bd5339fc33ea1d2fb0",
  status: "ae7de6b19ca2892557bbe36bda879f9df483faad",
  unlock: "70af8762a20d00a04ad7994a9fd0a07a8db283e2",
};

describe("ledger scripts", () => {
  it("have the pinned SHA-1 that Redis computes on SCRIPT LOAD", async () => {
    for (const script of Object.values(SCRIPTS)) {
      expect(script.sha1).toBe(PINNED[script.name]);
      expect(await testRedis().scriptLoad(script.source)).toBe(script.sha1);
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
