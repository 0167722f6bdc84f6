// The dashboard's typed client rests on public/js/api-types.d.ts: generated from the document, committed, and
// checked here so a schema change cannot leave the dashboard type-checking against an older contract.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_TYPES_PATH, generateApiTypes } from "../../scripts/api-generate.ts";

describe("public/js/api-types.d.ts", () => {
  it("is what the current OpenAPI document generates", async () => {
    const committed = readFileSync(API_TYPES_PATH, "utf8");
    const fresh = await generateApiTypes();
    expect(committed === fresh, "public/js/api-types.d.ts is stale: run npm run api:generate").toBe(true);
  });
});
