import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCRIPTS } from "../../src/tokens/transport.ts";
import { testRedis } from "../helpers/runtime.ts";

// Changing a ledger script changes its identity in every running instance: update these deliberately.
const PINNED = {
  reserve: "9706bfb3dca91bff913c9c02954f39261b1fc1c7",
  settle: "c7e708e9068fcba9e84e58e6d69acb6b51916bd7",
  sync: "458157a86898b589b4d5aa964db280ee06698bd0",
  status: "7e27d5afa9fe5709874c17edec11abb734684c0d",
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
