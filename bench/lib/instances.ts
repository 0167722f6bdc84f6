// Function instances as separate Node processes: each one is what Netlify would run as one warm container, with its
// own module state (caches, in-memory buckets) and only Redis and Keepa in common.
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export type WorkerMessage<T> = { type: "ready" } | { type: "done"; result: T } | { type: "failed"; error: string };

const HARD_LIMIT_MS = 120_000;

function spawnWorker(script: string, env: Record<string, string>): ChildProcess {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
  return fork(path, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function nextMessage<T>(child: ChildProcess, type: "ready" | "done"): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${child.pid} sent no "${type}" within ${HARD_LIMIT_MS} ms`)),
      HARD_LIMIT_MS,
    );
    const onMessage = (message: WorkerMessage<T>) => {
      if (message.type === "failed") reject(new Error(`worker ${child.pid}: ${message.error}`));
      else if (message.type !== type) return;
      else resolve(message.type === "done" ? message.result : undefined);
      clearTimeout(timer);
      child.off("message", onMessage);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${child.pid} exited (${code}) before "${type}"`));
    });
  });
}

/**
 * Starts `count` workers with `setup`, waits until every one has loaded its modules and is ready, then says "go" to
 * all at once (a burst across instances), and returns each worker's result. Workers are killed if anything fails.
 */
export async function runInstances<TSetup, TResult>(
  script: string,
  env: Record<string, string>,
  setups: TSetup[],
): Promise<TResult[]> {
  const children = setups.map(() => spawnWorker(script, env));
  try {
    const ready = children.map((child) => nextMessage<undefined>(child, "ready"));
    children.forEach((child, i) => child.send({ type: "setup", setup: setups[i] }));
    await Promise.all(ready);
    const done = children.map((child) => nextMessage<TResult>(child, "done"));
    for (const child of children) child.send({ type: "go" });
    return (await Promise.all(done)) as TResult[];
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/** The worker side: `prepare` runs on setup (module load, sync), `run` on go; the result goes back over IPC. */
export function serveInstance<TSetup, TResult>(prepare: (setup: TSetup) => Promise<() => Promise<TResult>>): void {
  let run: (() => Promise<TResult>) | undefined;
  const fail = (error: unknown) => {
    process.send?.({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  };
  process.on("message", (message: { type: "setup"; setup: TSetup } | { type: "go" }) => {
    if (message.type === "setup") {
      prepare(message.setup).then((r) => {
        run = r;
        process.send?.({ type: "ready" });
      }, fail);
      return;
    }
    if (!run) return fail(new Error("go before setup"));
    run().then((result) => process.send?.({ type: "done", result }, () => process.exit(0)), fail);
  });
}
