import { readEnvelope } from "./envelope.ts";
import { KeepaHttpError } from "./errors/http-error.ts";
import type { KeepaHttpErrorKind } from "./errors/http-error.ts";
import type { KeepaError, KeepaErrorBody, KeepaErrorInit } from "./errors/keepa-error.ts";
import { KeepaResponseError } from "./errors/response-error.ts";
import { redact } from "./redact.ts";
import { errorBodySchema } from "./schemas/common.ts";
import type { KeepaEndpoint, TokenEnvelope } from "./types.ts";

export type Interpreted<T> = {
  envelope?: TokenEnvelope;
  /** Tokens may have been charged but the response does not say how many. */
  maybeCharged: boolean;
  /** Safe to resend: the response proves nothing was charged and the failure is transient. */
  retryable: boolean;
} & ({ ok: true; payload: T } | { ok: false; error: KeepaError });

export type InterpretContext<T> = {
  endpoint: KeepaEndpoint;
  apiKey: string;
  /** Top-level key whose absence, next to an `error` object, makes a 200 a rejection (e.g. `products`). */
  payloadKey?: string;
  /** Validate the payload; throw a `KeepaResponseError` (see `parsePayload`) when it does not match. */
  parse: (body: unknown, init: KeepaErrorInit) => T;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readErrorBody(body: unknown, apiKey: string): KeepaErrorBody | undefined {
  const raw = (body as { error?: unknown } | undefined)?.error;
  const parsed = errorBodySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { type, message, details } = parsed.data;
  return {
    ...(type ? { type: redact(type, apiKey) } : {}),
    ...(message ? { message: redact(message, apiKey) } : {}),
    ...(details === undefined ? {} : { details: typeof details === "string" ? redact(details, apiKey) : details }),
  };
}

function statusKind(status: number): KeepaHttpErrorKind {
  if (status === 429) return "not_enough_tokens";
  if (status === 401 || status === 402 || status === 403) return "payment_required";
  if (status >= 500) return "server";
  return "bad_request";
}

function httpFailure(
  status: number,
  body: unknown,
  envelope: TokenEnvelope | undefined,
  ctx: InterpretContext<unknown>,
) {
  const kind = statusKind(status);
  const errorBody = readErrorBody(body, ctx.apiKey);
  const said = errorBody?.message ? `: ${errorBody.message}` : "";
  const left = envelope?.tokensLeft === undefined ? "" : ` (tokensLeft ${envelope.tokensLeft})`;
  return new KeepaHttpError(kind, status, `Keepa /${ctx.endpoint} answered ${status} ${kind}${said}${left}`, {
    endpoint: ctx.endpoint,
    ...(envelope ? { envelope } : {}),
    ...(errorBody ? { body: errorBody } : {}),
    maybeCharged: envelope?.tokensConsumed === undefined,
  });
}

/** Classify one HTTP response (any status) and parse its payload; never throws. */
export function interpretResponse<T>(status: number, text: string, ctx: InterpretContext<T>): Interpreted<T> {
  const body = parseJson(text);
  const envelope = readEnvelope(body);
  const maybeCharged = envelope?.tokensConsumed === undefined;
  const base = { ...(envelope ? { envelope } : {}), maybeCharged };
  const rejected200 =
    status < 300 &&
    body !== undefined &&
    ctx.payloadKey !== undefined &&
    !(ctx.payloadKey in (body as object)) &&
    (body as { error?: unknown }).error != null;
  if (status >= 300 || rejected200) {
    const error = httpFailure(status, body, envelope, ctx as InterpretContext<unknown>);
    return { ...base, ok: false, error, retryable: error.kind === "server" && envelope?.tokensConsumed === 0 };
  }
  if (typeof body !== "object" || body === null) {
    const error = new KeepaResponseError(
      `Keepa /${ctx.endpoint} answered ${status} with a body that is not a JSON object`,
      {
        endpoint: ctx.endpoint,
        status,
        maybeCharged: true,
        path: "(body)",
      },
    );
    return { ...base, ok: false, error, retryable: false };
  }
  try {
    const payload = ctx.parse(body, { endpoint: ctx.endpoint, status, ...base });
    return { ...base, ok: true, payload, retryable: false };
  } catch (error) {
    if (!(error instanceof KeepaResponseError)) throw error;
    return { ...base, ok: false, error, retryable: false };
  }
}
