/**
 * Key redaction for anything that may end up in a log line, an error or the meter.
 * Belt and braces: the client never builds a message from a URL, but causes from fetch/undici and
 * caller-supplied strings can still carry one.
 */

export const REDACTED = "[REDACTED]";

const KEY_PARAM = /([?&;]key=)[^&#\s"'<>]*/gi;
/** Keepa keys are 64 alphanumeric characters; nothing else we handle looks like that. */
const KEY_SHAPE = /\b[A-Za-z0-9]{64}\b/g;

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/** Remove the key from a string: `key=` query values, the literal key (raw or URL-encoded), and key-shaped tokens. */
export function redact(text: string, apiKey?: string): string {
  let out = text.replaceAll(KEY_PARAM, `$1${REDACTED}`);
  if (apiKey) {
    for (const form of new Set([apiKey, encodeURIComponent(apiKey)])) {
      out = out.replaceAll(new RegExp(escapeRegExp(form), "g"), REDACTED);
    }
  }
  return out.replaceAll(KEY_SHAPE, REDACTED);
}

/** A URL without its key, e.g. for a debug line: `https://api.keepa.com/product?key=[REDACTED]&asin=…`. */
export function redactUrl(url: string | URL, apiKey?: string): string {
  return redact(String(url), apiKey);
}

/** A one-line, key-free description of any thrown value (message plus error code when present). */
export function describeError(error: unknown, apiKey?: string): string {
  if (error instanceof Error) {
    const code = errorCode(error);
    return redact(code ? `${error.message} (${code})` : error.message, apiKey);
  }
  return redact(String(error), apiKey);
}

/** The first `code` found on an error or along its `cause` / `errors` chain (undici nests them). */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  const fromCause = errorCode(cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
