import { z } from "zod";

/** Response headers with a meaning a client acts on; every response also carries X-Request-Id. */
export const RESPONSE_HEADERS = {
  "Retry-After": z.string().meta({ description: "Seconds to wait before asking again." }),
  "X-Token-Balance": z
    .string()
    .meta({ description: "The shared Keepa balance the ledger counted after this request, in tokens." }),
  "X-Token-Required": z.string().meta({ description: "Tokens the refused request needed." }),
  ETag: z
    .string()
    .meta({ description: "The version of what was returned; send it back in If-Match or If-None-Match." }),
  Location: z.string().meta({ description: "Where the created resource, or the accepted work's status, is." }),
  Allow: z.string().meta({ description: "The methods this path answers." }),
  "WWW-Authenticate": z.string().meta({ description: "The scheme to authenticate with." }),
  "Content-Disposition": z.string().meta({ description: "The export's file name." }),
  "X-Export-Rows": z.string().meta({ description: "Rows in the export." }),
  "X-Export-Truncated": z.string().meta({ description: "`true` when the export stopped at its row limit." }),
  "X-Request-Id": z.string().meta({ description: "This request's id, in our logs and error reports." }),
} as const;

export type HeaderName = keyof typeof RESPONSE_HEADERS;

export function headersObject(names: readonly HeaderName[]) {
  const all: HeaderName[] = ["X-Request-Id", ...names.filter((name) => name !== "X-Request-Id")];
  return z.object(Object.fromEntries(all.map((name) => [name, RESPONSE_HEADERS[name].optional()])));
}
