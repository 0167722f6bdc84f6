import { problems } from "./problem.ts";

/**
 * Reads a body's text with a hard size limit, whatever Content-Length claims: past the limit it stops reading and
 * answers 413. What it returns is the exact text a signature covers.
 */
export async function readTextBody(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw problems.payloadTooLarge(limitBytes);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw problems.payloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** Parses a JSON body's text; empty → undefined. A non-JSON content type is 415, broken JSON 400. */
export function readJsonText(text: string, contentType: string | null): unknown {
  if (text.trim() === "") return undefined;
  if (!/^application\/(.+\+)?json\b/i.test(contentType ?? "application/json")) throw problems.unsupportedMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.badRequest("The body is not valid JSON.");
  }
}
