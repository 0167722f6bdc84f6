import { log } from "./log.ts";
import type { Redis } from "@upstash/redis";
import type { Sql } from "./db.ts";

export type DependencyName = "redis" | "postgres";
export type DependencyStatus =
  { status: "up"; latencyMs: number } | { status: "down"; latencyMs: number; error: string };
export type Readiness = { ready: boolean; down: DependencyName[]; checks: Record<DependencyName, DependencyStatus> };

const CHECK_TIMEOUT_MS = 2000;

async function timed(probe: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    await Promise.race([probe(), timeout]);
    return { status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // A public endpoint: it says what kind of failure it was, never the driver's text (hosts, users, versions).
    const timedOut = error instanceof Error && error.message.startsWith("no answer within");
    const latencyMs = Math.round(performance.now() - started);
    log("warn", "readiness probe failed", {
      error: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    return { status: "down", latencyMs, error: timedOut ? `no answer within ${CHECK_TIMEOUT_MS} ms` : "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/** Pings Redis through @upstash/redis and Postgres through the Neon driver, in parallel. Never touches Keepa. */
export async function checkReadiness(deps: { redis: Redis; sql: Sql }): Promise<Readiness> {
  const [redis, postgres] = await Promise.all([
    timed(async () => {
      const pong = await deps.redis.ping();
      if (pong !== "PONG") throw new Error(`unexpected PING reply ${String(pong)}`);
    }),
    timed(() => deps.sql`SELECT 1 AS ok`),
  ]);
  const checks = { redis, postgres };
  const down = (Object.keys(checks) as DependencyName[]).filter((name) => checks[name].status === "down");
  return { ready: down.length === 0, down, checks };
}
