import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("Sentry stays off the cold path", () => {
  async function coldStart(dsn: string | undefined): Promise<{ statuses: number[]; sentry: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), "av-cold-"));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        RESOLVE_LOG: join(dir, "resolved.txt"),
        LOG_LEVEL: "silent",
        SENTRY_DSN: dsn ?? "",
      };
      const script = new URL("./fixtures/cold-start.ts", import.meta.url).pathname;
      const { stdout } = await run(process.execPath, ["--import", "tsx", script], {
        env,
        cwd: new URL("../..", import.meta.url).pathname,
        timeout: 30_000,
      });
      return JSON.parse(stdout.trim().split("\n").at(-1)!) as { statuses: number[]; sentry: string[] };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("never loads @sentry/* when SENTRY_DSN is unset, across successes and 401s", async () => {
    const result = await coldStart(undefined);
    expect(result.statuses).toEqual([200, 401, 401]);
    expect(result.sentry).toEqual([]);
  });

  it("does load it when SENTRY_DSN is set (so the check above can see it)", async () => {
    const result = await coldStart("http://public@127.0.0.1:9/1");
    expect(result.statuses).toEqual([200, 401, 401]);
    expect(result.sentry.length).toBeGreaterThan(0);
  });
});
