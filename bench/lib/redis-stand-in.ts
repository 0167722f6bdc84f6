import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RedisProcessRequest } from "../redis-process.ts";
import type { RedisCounts } from "./redis-counter.ts";

export type RedisStandIn = {
  url: string;
  token: string;
  counts(): Promise<RedisCounts>;
  reset(): Promise<void>;
  close(): Promise<void>;
};

type Reply = { type: "ready"; url: string; token: string } | { type: "reply"; id: number; counts?: RedisCounts };

/** Starts bench/redis-process.ts and talks to it over IPC. */
export async function startRedisStandIn(): Promise<RedisStandIn> {
  const child = fork(fileURLToPath(new URL("../redis-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once("message", (m: Reply) =>
      m.type === "ready" ? resolve(m) : reject(new Error("redis stand-in: unexpected message")),
    );
    child.once("exit", (code) => reject(new Error(`redis stand-in exited (${code})`)));
  });
  let ids = 0;
  const ask = (type: RedisProcessRequest["type"]) =>
    new Promise<Reply>((resolve) => {
      const id = ++ids;
      const onMessage = (m: Reply) => {
        if (m.type !== "reply" || m.id !== id) return;
        child.off("message", onMessage);
        resolve(m);
      };
      child.on("message", onMessage);
      child.send({ type, id } satisfies RedisProcessRequest);
    });
  return {
    ...ready,
    counts: async () => ((await ask("counts")) as { counts: RedisCounts }).counts,
    reset: async () => void (await ask("reset")),
    close: async () => {
      child.send({ type: "close", id: 0 } satisfies RedisProcessRequest);
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
