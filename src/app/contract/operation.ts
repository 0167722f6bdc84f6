import type { ZodObject, ZodType } from "zod";
import type { ActionName } from "../../tokens/index.ts";
import type { ApiScope } from "../auth/types.ts";
import type { HeaderName } from "./headers.ts";
import type { ProblemReason } from "./problems.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * How a caller proves who it is: an API key (Bearer), nothing (probes), an HMAC signature over the body (the
 * AutoSourcing trigger), or Netlify itself (scheduled and background functions, signed with the internal secret).
 */
export type Access = "apiKey" | "public" | "signature" | "internal";

export type Tag =
  | "Health"
  | "Tokens"
  | "Keepa"
  | "Products"
  | "Niches"
  | "Review"
  | "Picks"
  | "Analysis"
  | "AutoSourcing"
  | "Webhooks"
  | "Settings"
  | "Internal";

export type SuccessStatus = 200 | 201 | 202 | 204 | 304;

/** One answer an operation gives besides its problems. */
export type Reply = {
  description: string;
  /** The JSON body; absent for an answer without one (204, 304). */
  schema?: ZodType;
  /** Other media types the same answer comes in, chosen with Accept (the buy list as CSV), with what they hold. */
  alternatives?: Partial<Record<"text/csv", string>>;
  headers?: readonly HeaderName[];
};

/**
 * One operation of the API, declared once: the document (src/app/contract/document.ts) is built from these, and a
 * test checks each against its door in netlify/functions (same path, method, scopes and the very same zod schemas).
 */
export type Operation = {
  /** operationId: camelCase, unique; the typed client's name for it. */
  id: string;
  method: HttpMethod;
  /** OpenAPI path template (`/api/v1/picks/{id}`); a door's `:id` is `{id}` here. */
  path: string;
  /** The door's endpoint name (the file in netlify/functions, without `.mts`). */
  fn: string;
  tag: Tag;
  summary: string;
  description?: string;
  access: Access;
  /** Scopes the API key needs for this method, beyond being valid. */
  scopes?: readonly ApiScope[];
  /** The token action it spends under: adds the ledger's denials, the Keepa failures and the X-Token-* headers. */
  action?: ActionName;
  query?: ZodType;
  params?: ZodObject;
  /** Request headers with a meaning here (If-Match, Idempotency-Key). */
  headers?: ZodObject;
  body?: ZodType;
  /** Media types read as raw text instead of JSON (a CSV upload), with what they hold. */
  rawBodies?: Partial<Record<"text/csv", string>>;
  replies: Partial<Record<SuccessStatus, Reply>>;
  /** Problems particular to this operation; the pipeline's own (auth, input, tokens, database) are added. */
  problems?: Partial<Record<number, readonly ProblemReason[]>>;
  /** Whether it needs Postgres, so can answer 503 database_unavailable. @default true */
  database?: boolean;
};
