// Makes sure Redis and PostgreSQL are up: use running ones, start installed-but-stopped ones, install missing ones
// with apt-get when root on Debian/Ubuntu, otherwise stop with a one-line instruction.
import { execSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import net from "node:net";
import { pathToFileURL } from "node:url";

export const REDIS_PORT = Number(process.env.REDIS_PORT ?? 6379);
export const PG_PORT = Number(process.env.PGPORT ?? 5432);
export const LOCAL_REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;
export const LOCAL_PG_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/postgres`;

function portOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function waitForPort(port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await portOpen(port, 200)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const isRoot = () => process.getuid?.() === 0;
const canApt = () => isRoot() && has("apt-get") && existsSync("/etc/debian_version");

function aptInstall(packages: string): void {
  console.log(`services: installing ${packages} with apt-get…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, {
    stdio: "inherit",
  });
}

function fail(message: string): never {
  console.error(`services: ${message}`);
  process.exit(1);
}

async function ensureRedis(): Promise<void> {
  if (await portOpen(REDIS_PORT)) return;
  if (!has("redis-server")) {
    if (!canApt())
      fail(
        `Redis is not running on 127.0.0.1:${REDIS_PORT}; install it (sudo apt-get install redis-server) and start it.`,
      );
    aptInstall("redis-server");
  }
  console.log(`services: starting redis-server on ${REDIS_PORT}`);
  execSync(`redis-server --daemonize yes --bind 127.0.0.1 --port ${REDIS_PORT} --save "" --appendonly no --dir /tmp`, {
    stdio: "inherit",
  });
  if (!(await waitForPort(REDIS_PORT, 10))) fail(`redis-server did not come up on ${REDIS_PORT}.`);
}

function startPostgresCluster(): void {
  const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql") : [];
  const version = versions.sort().at(-1);
  if (!version) fail("PostgreSQL is installed but has no cluster in /etc/postgresql; run pg_createcluster.");
  console.log(`services: starting PostgreSQL ${version}`);
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: "inherit" });
}

async function ensurePostgres(): Promise<void> {
  if (await portOpen(PG_PORT)) return;
  const installed = has("pg_ctlcluster") && existsSync("/etc/postgresql");
  if (!installed) {
    if (!canApt())
      fail(
        `PostgreSQL is not running on 127.0.0.1:${PG_PORT}; install it (sudo apt-get install postgresql) and start it.`,
      );
    aptInstall("postgresql");
  }
  startPostgresCluster();
  if (!(await waitForPort(PG_PORT, 20))) fail(`PostgreSQL did not come up on ${PG_PORT}.`);
  // A fresh Debian cluster uses password auth on TCP: give the superuser the password our local URLs carry.
  if (isRoot())
    spawnSync("su", ["postgres", "-c", `psql -p ${PG_PORT} -qc "ALTER USER postgres PASSWORD 'postgres'"`], {
      stdio: "ignore",
    });
}

export async function ensureServices(): Promise<void> {
  await ensureRedis();
  await ensurePostgres();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await ensureServices();
  console.log(`services: Redis on 127.0.0.1:${REDIS_PORT} and PostgreSQL on 127.0.0.1:${PG_PORT} are up.`);
}
