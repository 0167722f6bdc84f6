import { describe, expect, it } from "vitest";
import { createPool, createSql } from "../../src/shared/index.ts";
import { testRuntime } from "../helpers/runtime.ts";

describe("Neon stand-ins with @neondatabase/serverless against real Postgres", () => {
  it("neon() over HTTP returns typed rows and Postgres errors", async () => {
    const sql = createSql(testRuntime().config);
    const rows =
      await sql`SELECT 1::int8 AS big, ${"żółw"}::text AS t, now() AS at, '{"a":1}'::jsonb AS j, ARRAY['x','y'] AS arr`;
    expect(rows[0]).toMatchObject({ big: "1", t: "żółw", j: { a: 1 }, arr: ["x", "y"] });
    expect(rows[0]?.at).toBeInstanceOf(Date);
    await expect(sql`SELECT * FROM no_such_table`).rejects.toMatchObject({ code: "42P01" });
  });

  it("neon() transactions are atomic", async () => {
    const sql = createSql(testRuntime().config);
    await sql`CREATE TABLE IF NOT EXISTS tx_probe (id int PRIMARY KEY)`;
    await expect(
      sql.transaction([sql`INSERT INTO tx_probe VALUES (1)`, sql`INSERT INTO tx_probe VALUES (1)`]),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await sql`SELECT count(*)::int AS n FROM tx_probe`).toEqual([{ n: 0 }]);
  });

  it("Pool over the WebSocket proxy runs interactive transactions", async () => {
    const pool = await createPool(testRuntime().config);
    try {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("CREATE TABLE pool_probe (v text)");
        await client.query("INSERT INTO pool_probe VALUES ($1)", ["kept"]);
        await client.query("COMMIT");
        const { rows } = await client.query<{ v: string }>("SELECT v FROM pool_probe");
        expect(rows).toEqual([{ v: "kept" }]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it("sees the migrated schema", async () => {
    const rows = await createSql(
      testRuntime().config,
    )`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["api_keys", "jobs", "picks", "profiles", "sightings", "pgmigrations"]),
    );
  });
});
