// `npm run keys -- create --name X [--scopes a,b] [--quota N] | list | revoke <id or prefix>`: API keys in
// DATABASE_URL.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "@upstash/redis";
import { withPgQuery } from "../dev/pg-query.ts";
import {
  API_SCOPES,
  createApiKey,
  DEFAULT_SCOPES,
  evictIdentity,
  isApiScope,
  listApiKeys,
  revokeApiKey,
} from "../src/app/index.ts";
import type { ApiKeyRow } from "../src/app/index.ts";
import type { SqlQuery } from "../src/shared/index.ts";

export type KeysCliIo = {
  out: (line: string) => void;
  /** Drops revoked keys from the functions' lookup cache. @default Redis from UPSTASH_REDIS_REST_URL/_TOKEN, if set */
  evict?: (keyHashes: string[]) => Promise<number>;
};

const USAGE = `usage: npm run keys -- create --name <name> [--scopes ${API_SCOPES.join(",")}] [--quota <tokens per day>]
       npm run keys -- list
       npm run keys -- revoke <id or key prefix>`;

class UsageError extends Error {}

function parseScopes(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_SCOPES];
  const scopes = value
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
  const unknown = scopes.filter((scope) => !isApiScope(scope));
  if (unknown.length > 0)
    throw new UsageError(`unknown scope(s) ${unknown.join(", ")}; known: ${API_SCOPES.join(", ")}`);
  return scopes;
}

function parseQuota(value: string | undefined): number | null {
  if (value === undefined) return null;
  const quota = Number(value);
  if (!Number.isInteger(quota) || quota <= 0 || quota > 2_147_483_647)
    throw new UsageError("--quota must be a positive whole number of tokens per day");
  return quota;
}

function describe(row: ApiKeyRow): string {
  const state = row.revokedAt ? `revoked ${row.revokedAt}` : "active";
  const quota = row.dailyTokenQuota === null ? "no quota" : `${row.dailyTokenQuota} tokens/day`;
  return (
    `${row.id}  ${row.keyPrefix}…  ${row.name}  [${row.scopes.join(",")}]  ${quota}  ${state}  last used ` +
    `${row.lastUsedAt ?? "never"}`
  );
}

async function create(query: SqlQuery, args: string[], io: KeysCliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: "string" }, scopes: { type: "string" }, quota: { type: "string" } },
  });
  if (!values.name) throw new UsageError("create needs --name");
  const { key, row } = await createApiKey(query, {
    name: values.name,
    scopes: parseScopes(values.scopes),
    dailyTokenQuota: parseQuota(values.quota),
  });
  io.out(describe(row));
  io.out(`\n  ${key}\n\nThis is the only time the key is shown; store it now. Send it as: Authorization: Bearer <key>`);
}

async function revoke(query: SqlQuery, target: string | undefined, io: KeysCliIo): Promise<number> {
  if (!target) throw new UsageError("revoke needs an id or a key prefix");
  const result = await revokeApiKey(query, target);
  if (result.ambiguous) {
    io.out(`"${target}" matches several active keys; revoke by id (see npm run keys -- list).`);
    return 1;
  }
  if (result.revoked.length === 0) {
    io.out(`No active key matches "${target}".`);
    return 1;
  }
  for (const row of result.revoked) io.out(`revoked ${describe(row)}`);
  await (io.evict ?? evictFromEnv)(result.hashes).then(
    () =>
      io.out(
        "Evicted from the lookup cache under every prefix of this Redis: the key stops working now for every " +
          "deployment using it. A deployment on another Redis stops accepting it within 30 s (the cache's TTL).",
      ),
    () => io.out("Could not reach Redis: the key stops working within 30 s (the lookup cache's TTL)."),
  );
  return 0;
}

async function evictFromEnv(keyHashes: string[]): Promise<number> {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = process.env;
  if (!url || !token) throw new Error("Redis is not configured");
  return evictIdentity(new Redis({ url, token, enableTelemetry: false, automaticDeserialization: false }), keyHashes);
}

/** Runs one CLI command against `databaseUrl`; returns the exit code. */
export async function runKeysCli(argv: string[], databaseUrl: string, io: KeysCliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== "create" && command !== "list" && command !== "revoke")
      throw new UsageError(command ? `unknown command "${command}"` : "no command");
    return await withPgQuery(databaseUrl, async (query) => {
      if (command === "create") return create(query, rest, io).then(() => 0);
      if (command === "list") {
        const rows = await listApiKeys(query);
        io.out(
          rows.length === 0 ? "No API keys yet: npm run keys -- create --name <name>" : rows.map(describe).join("\n"),
        );
        return 0;
      }
      return revoke(query, rest[0], io);
    });
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError && "code" in error)) throw error;
    io.out(`keys: ${error.message}\n${USAGE}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("keys: set DATABASE_URL (e.g. in .env).");
    process.exit(1);
  }
  process.exitCode = await runKeysCli(process.argv.slice(2), url, { out: (line) => console.info(line) });
}
