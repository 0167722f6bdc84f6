import { z } from "zod";
import { CONDITIONS } from "../../../keepa/index.ts";
import { keepaTestQuery } from "../../../sourcing/index.ts";
import { Asin, Cents, Currency, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";
import { aliasNote, ConfigVersion, IdentifierKind, runFields, ScoredProduct } from "./products.ts";
import { tokenStatusReply } from "./tokens.ts";

const nCents = z.lazy(() => Cents.nullable());
const Averages = z.lazy(() => z.object({ newCents: nCents, usedCents: nCents, salesRank: z.number().nullable() }));
const ConditionMarket = z.lazy(() =>
  z.object({
    live: z
      .object({
        buyBoxCents: nCents,
        lowestFbaCents: nCents,
        lowestCents: nCents,
        offers: z.number().int(),
        fbaOffers: z.number().int(),
        fbmOffers: z.number().int(),
      })
      .nullable(),
    snapshot: z.object({ buyBoxCents: nCents, lowestFbaCents: nCents, lowestCents: nCents }),
    average90Cents: nCents,
    average180Cents: nCents,
  }),
);

const ProductBsr = z.lazy(() =>
  z.object({
    rank: z.number().int(),
    source: z.enum(["salesRanks.reference", "salesRanks.other", "stats.current", "csv.recent", "stats.avg30"]),
    categoryId: z.number().int().nullable(),
  }),
);
const ProductPrices = z.lazy(() =>
  z.object({
    amazonCents: nCents,
    newCents: nCents,
    usedCents: nCents,
    buyBoxCents: nCents.meta({ description: "Landed (price + shipping)" }),
    newFbaCents: nCents,
    listPriceCents: nCents,
  }),
);
const OfferCounts = z.lazy(() =>
  z.object({
    new: z.number().int().nullable(),
    used: z.number().int().nullable(),
    fba: z.number().int().nullable(),
    fbm: z.number().int().nullable(),
    newFbaInclAmazon: z.number().int().nullable(),
  }),
);
const ProductFees = z.lazy(() =>
  z.object({
    referralFeePercent: z.number().nullable(),
    pickAndPackFeeCents: nCents,
    variableClosingFeeCents: nCents,
  }),
);

/** A normalized Keepa product as GET /keepa/test shows it (src/sourcing/actions/product-view.ts). */
export const KeepaProduct = z.lazy(() =>
  z
    .object({
      asin: Asin,
      domainId: z.number().int().nullable(),
      currency: Currency,
      title: z.string().nullable(),
      productType: z.number().int().nullable(),
      categoryTree: z.array(z.object({ catId: z.number().int(), name: z.string() })),
      rootCategory: z.number().int().nullable(),
      categoryName: z.string().nullable(),
      bsr: ProductBsr.nullable(),
      prices: ProductPrices,
      offerCounts: OfferCounts,
      amazonOnListing: z.boolean(),
      fees: ProductFees,
      packageWeightGrams: z.number().nullable(),
      rating: z.number().nullable(),
      reviewCount: z.number().int().nullable(),
      salesRankDrops30: z.number().int().nullable(),
      salesRankDrops90: z.number().int().nullable(),
      averages: z.object({ avg30: Averages, avg90: Averages }),
      market: z
        .record(z.enum(CONDITIONS), ConditionMarket)
        .meta({ description: "Per condition (every one present): landed prices, live ones only when verified" }),
      verification: z
        .object({
          verifiedAt: Timestamp,
          offersRetrieved: z.number().int(),
          amazonOffer: z.boolean(),
          buyBoxIsAmazon: z.boolean().nullable(),
        })
        .nullable(),
      offersCollectedAt: Timestamp.nullable().meta({ description: "Keepa's last offers collection" }),
      codes: z.array(z.string()),
      monthlySold: z.number().int().nullable(),
      lastUpdatedAt: Timestamp.nullable(),
      dataQuality: z.enum(["full", "degraded", "unavailable"]),
      warnings: z.array(z.string()),
    })
    .meta({ id: "KeepaProduct", description: "A Keepa product, normalized: cents of `currency`, times in UTC" }),
);

const Lookup = z.lazy(() =>
  z
    .object({
      identifier: z.object({
        input: z.string(),
        kind: IdentifierKind,
        asin: Asin.nullable(),
      }),
      found: z.boolean(),
      source: z.enum(["cache", "keepa"]),
      product: KeepaProduct.nullable(),
      score: ScoredProduct.nullable(),
      cut: z.enum(["budget", "deadline"]).optional().meta({ description: "What cut the fetch (partial answers)" }),
      configVersion: ConfigVersion,
      ...runFields(),
    })
    .meta({ id: "ProductLookup" }),
);

export const keepaOperations = (): readonly Operation[] => [
  {
    id: "getKeepaStatus",
    method: "get",
    path: "/api/v1/keepa/status",
    fn: "keepa-status",
    tag: "Keepa",
    summary: "The token view, re-synced through Keepa's free /token when older than a minute",
    access: "apiKey",
    replies: tokenStatusReply,
    problems: { 503: ["store_unavailable"] },
  },
  {
    id: "lookupProduct",
    method: "get",
    path: "/api/v1/keepa/test",
    fn: "keepa-test",
    tag: "Keepa",
    summary: "One ASIN or ISBN-10/13, verified with live offers (verify=false: the 1-token screen) and scored",
    access: "apiKey",
    scopes: ["tokens:spend"],
    action: "product_lookup",
    description: aliasNote(keepaTestQuery),
    query: keepaTestQuery,
    replies: { 200: { description: "The product and its score.", schema: Lookup } },
  },
];
