import { problems } from "./problem.ts";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function methodHasBody(method: string): boolean {
  return BODY_METHODS.has(method);
}

/** Reads a JSON body with a hard size limit, whatever Content-Length claims; empty → undefined. */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw problems.payloadTooLarge(limitBytes);
  const text = await readLimited(request, limitBytes);
  if (text.trim() === "") return undefined;
  const type = request.headers.get("content-type") ?? "application/json";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw problems.unsupportedMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.badRequest("The body is not valid JSON.");
  }
}

async function readLimited(request: Request, limitBytes: number): Promise<string> {
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
