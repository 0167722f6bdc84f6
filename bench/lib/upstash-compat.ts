import { createHash } from "node:crypto";

// @upstash/ratelimit's scripts start with `#!lua flags=allow-key-locking`, a flag only Upstash's server knows; a
// stock Redis 7 rejects it. Locally the first line is dropped (the script body is unchanged) and EVALSHA of the
// original hash is mapped to the stripped script's hash, so the baseline still costs one round trip per limit().
const SHEBANG = /^#!lua flags=allow-key-locking\r?\n/;
const shaMap = new Map<string, string>();
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

function compatCommand(command: unknown): unknown {
  if (!Array.isArray(command) || typeof command[1] !== "string") return command;
  const name = String(command[0]).toUpperCase();
  if (name === "EVAL" && SHEBANG.test(command[1])) {
    const stripped = command[1].replace(SHEBANG, "");
    shaMap.set(sha1(command[1]), sha1(stripped));
    return [command[0], stripped, ...command.slice(2)];
  }
  const mapped = name === "EVALSHA" ? shaMap.get(command[1]) : undefined;
  return mapped ? [command[0], mapped, ...command.slice(2)] : command;
}

/** Rewrites one REST body: a command, or a pipeline (an array of commands). */
export function upstashCompat(body: string, pipeline: boolean): string {
  if (!/eval/i.test(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!Array.isArray(parsed)) return body;
  return JSON.stringify(pipeline ? parsed.map(compatCommand) : compatCommand(parsed));
}
