import { estimateCost } from "../costs.ts";
import { isKeepaError } from "../errors/is-keepa-error.ts";
import { withPartial } from "../errors/keepa-error.ts";
import { parsePayload } from "../schemas/parse.ts";
import type { KeepaProduct } from "../schemas/product.ts";
import { productResponseSchema } from "../schemas/responses.ts";
import type { TokenEnvelope } from "../types.ts";
import { checkDomain, compact, flag, invalidParams } from "./common.ts";
import type { Enveloped, Send } from "./common.ts";

export type ProductOptions = {
  /** Stats interval: days, or `"start,end"` (ISO dates or epoch ms). Free. @default no stats */
  stats?: number | string;
  /** Include csv and other histories. Free. @default Keepa's default (true) */
  history?: boolean;
  /** Limit histories to the last N days. Free. */
  days?: number;
  /** Offers to fetch, 20..100; costs 6 per page of 10 offers per product. @default none */
  offers?: number;
  /** With offers: only live offers. Free. */
  onlyLiveOffers?: boolean;
  /** +2 per product (ignored by Keepa with offers). */
  buybox?: boolean;
  /** Up to +1 per product. */
  rating?: boolean;
  /** With offers: up to +2 per product, and slow. */
  stock?: boolean;
  /** Max data age in hours before Keepa refreshes; 0 costs +1, −1 never refreshes. @default Keepa's default (1) */
  update?: number;
  /** With `codes`: products returned per code. Always sent so the estimate is a real upper bound. @default 10 */
  codeLimit?: number;
  /** +1 per product with a parent. */
  historicalVariations?: boolean;
};

export type ProductsParams = (
  { domain: number; asins: readonly string[] } | { domain: number; codes: readonly string[] }
) &
  ProductOptions;

export type ProductsResult = Enveloped & {
  /** Unique products in response order. */
  products: KeepaProduct[];
  byAsin: ReadonlyMap<string, KeepaProduct>;
  /** Requested ASINs that no response contained (always empty for `codes`). */
  missing: string[];
  /** Sum over chunks; undefined when a chunk did not report it. */
  tokensConsumed: number | undefined;
  /** One per chunk, in order. */
  chunks: { items: string[]; envelope: TokenEnvelope; receivedAt: number }[];
};

/** Keepa's batch limit. */
export const PRODUCT_BATCH_LIMIT = 100;
/** Java client doc: "max 20 ASINs if the offers parameter is used"; smaller batches cost the same per product. */
export const PRODUCT_OFFERS_BATCH_LIMIT = 20;
export const DEFAULT_CODE_LIMIT = 10;

const ASIN = /^[A-Z0-9]{10}$/;
const CODE = /^\d{8,14}$/;

function uniqueItems(params: ProductsParams): { kind: "asin" | "code"; items: string[] } {
  const byAsin = "asins" in params;
  const raw = byAsin ? params.asins : params.codes;
  const items = [...new Set(raw.map((item) => item.trim().toUpperCase()))];
  const bad = items.find((item) => !(byAsin ? ASIN : CODE).test(item));
  if (bad !== undefined) throw invalidParams("product", `malformed ${byAsin ? "ASIN" : "code"} "${bad.slice(0, 20)}"`);
  if (items.length === 0) throw invalidParams("product", "no ASINs or codes given");
  return { kind: byAsin ? "asin" : "code", items };
}

function checkOptions(options: ProductOptions): void {
  const { offers, codeLimit } = options;
  if (offers !== undefined && offers !== 0 && !(Number.isInteger(offers) && offers >= 20 && offers <= 100)) {
    throw invalidParams("product", "offers must be 0 or an integer in 20..100");
  }
  if (codeLimit !== undefined && !(Number.isInteger(codeLimit) && codeLimit >= 1)) {
    throw invalidParams("product", "codeLimit must be a positive integer");
  }
}

function optionParams(options: ProductOptions, kind: "asin" | "code"): Record<string, string> {
  const offers = options.offers ? options.offers : undefined;
  return compact({
    stats: options.stats === undefined ? undefined : String(options.stats),
    history: flag(options.history),
    days: options.days === undefined ? undefined : String(options.days),
    offers: offers === undefined ? undefined : String(offers),
    "only-live-offers": flag(options.onlyLiveOffers),
    buybox: flag(options.buybox),
    rating: flag(options.rating),
    stock: flag(options.stock),
    update: options.update === undefined ? undefined : String(options.update),
    "code-limit": kind === "code" ? String(options.codeLimit ?? DEFAULT_CODE_LIMIT) : undefined,
    "historical-variations": flag(options.historicalVariations),
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `GET /product` for any number of ASINs or codes: de-duplicated, sent in chunks of ≤100 (≤20 with offers),
 * each chunk its own metered request, sequentially. A failing chunk stops the rest; the error then carries
 * what earlier chunks already paid for in `error.partial` (a `ProductsResult`).
 */
export async function products(send: Send, params: ProductsParams): Promise<ProductsResult> {
  const domain = checkDomain("product", params.domain);
  checkOptions(params);
  const { kind, items } = uniqueItems(params);
  const common = { domain, ...optionParams(params, kind) };
  const size = params.offers ? PRODUCT_OFFERS_BATCH_LIMIT : PRODUCT_BATCH_LIMIT;
  const perItem = kind === "code" ? (params.codeLimit ?? DEFAULT_CODE_LIMIT) : 1;
  const acc = newAccumulator();
  for (const batch of chunk(items, size)) {
    const estimate = estimateCost("product", { ...params, products: batch.length * perItem });
    try {
      const reply = await send({
        endpoint: "product",
        path: "product",
        params: { ...common, [kind]: batch.join(",") },
        estimate,
        timeoutClass: params.offers ? "offers" : "default",
        payloadKey: "products",
        parse: (body, init) => parsePayload(productResponseSchema, body, init).products,
      });
      acc.add(batch, reply.payload, reply.envelope, reply.receivedAt);
    } catch (error) {
      if (isKeepaError(error) && acc.chunks.length > 0)
        throw withPartial(error, acc.result(kind === "asin" ? items : []));
      throw error;
    }
  }
  return acc.result(kind === "asin" ? items : []);
}

function newAccumulator() {
  const byAsin = new Map<string, KeepaProduct>();
  const chunks: ProductsResult["chunks"] = [];
  let consumed: number | undefined = 0;
  return {
    chunks,
    add(batch: string[], found: KeepaProduct[], envelope: TokenEnvelope, receivedAt: number) {
      for (const product of found) if (!byAsin.has(product.asin)) byAsin.set(product.asin, product);
      chunks.push({ items: batch, envelope, receivedAt });
      consumed =
        consumed === undefined || envelope.tokensConsumed === undefined
          ? undefined
          : consumed + envelope.tokensConsumed;
    },
    result(requested: string[]): ProductsResult {
      const last = chunks.at(-1);
      return {
        products: [...byAsin.values()],
        byAsin,
        missing: requested.filter((asin) => !byAsin.has(asin)),
        tokensConsumed: consumed,
        chunks,
        envelope: last?.envelope ?? {},
        receivedAt: last?.receivedAt ?? Number.NaN,
      };
    },
  };
}
