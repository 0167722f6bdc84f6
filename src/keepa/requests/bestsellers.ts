import { estimateCost } from "../costs.ts";
import { parsePayload } from "../schemas/parse.ts";
import { bestsellersResponseSchema } from "../schemas/responses.ts";
import type { KeepaBestsellersList } from "../schemas/responses.ts";
import { checkDomain, invalidParams } from "./common.ts";
import type { Enveloped, Send } from "./common.ts";

export type BestsellersParams = {
  domain: number;
  /** Category node id, or a product group name. */
  category: number | string;
  /** Average rank over 0 (current), 30, 90 or 180 days. @default 0 */
  range?: 0 | 30 | 90 | 180;
};

export type BestsellersResult = Enveloped & {
  /** Null when Keepa has no list for the category (then it charges 0). */
  list: KeepaBestsellersList | null;
  /** `list.asinList`, or empty. */
  asinList: string[];
};

const RANGES: readonly number[] = [0, 30, 90, 180];

/** `GET /bestsellers`: 50 tokens per list. Not available for domain 12 (com.br). */
export async function bestsellers(send: Send, params: BestsellersParams): Promise<BestsellersResult> {
  const domain = checkDomain("bestsellers", params.domain);
  if (params.domain === 12) throw invalidParams("bestsellers", "not available for domain 12");
  if (params.range !== undefined && !RANGES.includes(params.range))
    throw invalidParams("bestsellers", "range must be 0, 30, 90 or 180");
  if (String(params.category).trim() === "") throw invalidParams("bestsellers", "empty category");
  const reply = await send({
    endpoint: "bestsellers",
    path: "bestsellers",
    params: { domain, category: String(params.category), ...(params.range ? { range: String(params.range) } : {}) },
    estimate: estimateCost("bestsellers"),
    timeoutClass: "default",
    payloadKey: "bestSellersList",
    parse: (body, init) => parsePayload(bestsellersResponseSchema, body, init),
  });
  const list = reply.payload.bestSellersList ?? null;
  return { list, asinList: list?.asinList ?? [], envelope: reply.envelope, receivedAt: reply.receivedAt };
}
