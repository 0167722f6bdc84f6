import { redactSecrets } from "./redact.ts";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = Record<string, unknown>;

export type LogLevel = Level | "silent";
let threshold = ORDER.info;

/** Set once by the composition root from LOG_LEVEL (and by the test setup): logging has no other configuration. */
export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

/** One JSON object per line on stdout/stderr: what Netlify's log drain and any log search expect. Never a secret. */
export function log(level: Level, message: string, fields: LogFields = {}): void {
  if (ORDER[level] < threshold) return;
  const line = JSON.stringify(redactSecrets({ level, time: new Date().toISOString(), msg: message, ...fields }));
  if (level === "error" || level === "warn") console.error(line);
  else console.info(line);
}

/** Accumulates the fields of the single line logged per request (function, action, tokens, reason, duration…). */
export type RequestLog = {
  readonly fields: LogFields;
  set(fields: LogFields): void;
};

export function createRequestLog(initial: LogFields): RequestLog {
  const fields: LogFields = { ...initial };
  return { fields, set: (more) => Object.assign(fields, more) };
}
