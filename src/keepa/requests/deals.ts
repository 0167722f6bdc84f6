import { estimateCost } from "../costs.ts";
import { parsePayload } from "../schemas/parse.ts";
import { dealResponseSchema } from "../schemas/responses.ts";
import type { KeepaDeal } from "../schemas/responses.ts";
import { checkDomain, invalidParams } from "./common.ts";
import type { Enveloped, Send } from "./common.ts";

/** A Deals selection (`queryJSON`); `domainId` is filled from `domain`. Prices in cents. */
export type DealSelection = {
  /** Exactly one price type, e.g. `[0]` for AMAZON. */
  priceTypes: [number];
  /** 0-based page of ≤150 deals. @default 0 */
  page?: number;
  /** 0 day, 1 week, 2 month, 3 three months. */
  dateRange?: 0 | 1 | 2 | 3;
  [filter: string]: unknown;
};

export type DealsParams = { domain: number; selection: DealSelection };

export type DealsResult = Enveloped & {
  deals: KeepaDeal[];
  categoryIds: number[];
  categoryNames: (string | null)[];
  categoryCount: number[];
};

/** `GET /deal`: 5 tokens per page of ≤150 deals (only products updated in the last 12 h). */
export async function deals(send: Send, params: DealsParams): Promise<DealsResult> {
  const domain = checkDomain("deal", params.domain);
  if (!Array.isArray(params.selection.priceTypes) || params.selection.priceTypes.length !== 1) {
    throw invalidParams("deal", "priceTypes must hold exactly one price type");
  }
  const selection = { page: 0, ...params.selection, domainId: params.domain };
  const reply = await send({
    endpoint: "deal",
    path: "deal",
    params: { domain, selection: JSON.stringify(selection) },
    estimate: estimateCost("deal"),
    timeoutClass: "default",
    payloadKey: "deals",
    parse: (body, init) => parsePayload(dealResponseSchema, body, init),
  });
  const { dr, categoryIds, categoryNames, categoryCount } = reply.payload.deals;
  return {
    deals: dr,
    categoryIds: categoryIds ?? [],
    categoryNames: categoryNames ?? [],
    categoryCount: categoryCount ?? [],
    envelope: reply.envelope,
    receivedAt: reply.receivedAt,
  };
}
