// `npm run db:migrate [up|down]`: applies migrations/ to DATABASE_URL with node-pg-migrate (works for Neon and local).
import { fileURLToPath, pathToFileURL } from "node:url";
import { runner } from "node-pg-migrate";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

export async function migrate(databaseUrl: string, direction: "up" | "down" = "up", quiet = false): Promise<void> {
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction,
    migrationsTable: "pgmigrations",
    count: direction === "down" ? 1 : Infinity,
    singleTransaction: true,
    checkOrder: true,
    log: quiet ? () => undefined : (message: string) => console.log(message),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("db:migrate: set DATABASE_URL (e.g. in .env).");
    process.exit(1);
  }
  const direction = process.argv[2] === "down" ? "down" : "up";
  await migrate(url, direction);
}
