import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCRIPTS } from "../../src/tokens/transport.ts";
import { testRedis } from "../helpers/runtime.ts";

// Changing a ledger script changes its identity in every running instance: update these deliberately.
const PINNED = {
  reserve: "ea19b072ad3d997a0e154b24880738159a7cdbee",
  settle: "b3ba688fe45feb24614baee3d82f24ba44bf5c0b",
  sync: "c4bc3599daa1618603294b8fe7f70c1dadc09287",
  status: "2a667e1ff3412845fec700880e48a7bd03256c78",
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
