import type { Enveloped, Send } from "./common.ts";

export type TokenStatusResult = Enveloped;

/**
 * `GET /token`: the free token status (docs/token-ledger.md#bootstrap). Use sparingly:
 * Keepa frowns on polling it (#91).
 */
export async function tokenStatus(send: Send): Promise<TokenStatusResult> {
  const reply = await send({
    endpoint: "token",
    path: "token",
    params: {},
    estimate: 0,
    timeoutClass: "token",
    parse: () => undefined,
  });
  return { envelope: reply.envelope, receivedAt: reply.receivedAt };
}
