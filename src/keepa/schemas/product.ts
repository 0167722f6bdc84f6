import { z } from "zod";
import { numberArray, optBoolean, optNumber, optNumberArray, optString, optStringArray } from "./common.ts";

/** One csv slot: `[t, v, …]` or `[t, price, ship, …]`, or null. */
const series = () => numberArray.nullable();
/** `[keepaTime, value]` extremes per csv type, or null. */
const extremes = () => z.array(numberArray.nullable()).nullable().optional();

export const categoryNodeSchema = z.lazy(() => z.looseObject({ catId: z.number(), name: optString }));

export const fbaFeesSchema = z.lazy(() =>
  z.looseObject({
    pickAndPackFee: optNumber,
    storageFee: optNumber,
    lastUpdate: optNumber,
  }),
);

export const offerSchema = z.lazy(() =>
  z.looseObject({
    offerId: optNumber,
    sellerId: optString,
    lastSeen: optNumber,
    offerCSV: optNumberArray,
    condition: optNumber,
    isPrime: optBoolean,
    isFBA: optBoolean,
    isAmazon: optBoolean,
    isMAP: optBoolean,
  }),
);

export const statsSchema = z.lazy(() =>
  z.looseObject({
    current: optNumberArray,
    avg: optNumberArray,
    avg30: optNumberArray,
    avg90: optNumberArray,
    avg180: optNumberArray,
    avg365: optNumberArray,
    min: extremes(),
    max: extremes(),
    salesRankDrops30: optNumber,
    salesRankDrops90: optNumber,
    salesRankDrops180: optNumber,
    salesRankDrops365: optNumber,
    offerCountFBA: optNumber,
    offerCountFBM: optNumber,
    totalOfferCount: optNumber,
    buyBoxPrice: optNumber,
    buyBoxShipping: optNumber,
    buyBoxIsAmazon: optBoolean,
    buyBoxIsFBA: optBoolean,
    buyBoxSellerId: optString,
    buyBoxUsedPrice: optNumber,
    buyBoxUsedShipping: optNumber,
    /** Offer condition code (2–5) of the used buy box. */
    buyBoxUsedCondition: optNumber,
    buyBoxUsedIsFBA: optBoolean,
    lastOffersUpdate: optNumber,
  }),
);

/** The product fields the scorer reads; every other field passes through untouched (`looseObject`). */
export const productSchema = z.lazy(() =>
  z.looseObject({
    asin: z.string(),
    domainId: optNumber,
    productType: optNumber,
    parentAsin: optString,
    title: optString,
    rootCategory: optNumber,
    categories: optNumberArray,
    categoryTree: z.array(categoryNodeSchema).nullable().optional(),
    salesRankReference: optNumber,
    salesRanks: z.record(z.string(), series()).nullable().optional(),
    csv: z.array(series()).nullable().optional(),
    stats: statsSchema.nullable().optional(),
    offers: z.array(offerSchema).nullable().optional(),
    liveOffersOrder: optNumberArray,
    offersSuccessful: optBoolean,
    buyBoxSellerIdHistory: z
      .array(z.union([z.string(), z.number()]))
      .nullable()
      .optional(),
    availabilityAmazon: optNumber,
    referralFeePercentage: optNumber,
    referralFeePercent: optNumber,
    variableClosingFee: optNumber,
    fbaFees: fbaFeesSchema.nullable().optional(),
    packageWeight: optNumber,
    monthlySold: optNumber,
    lastUpdate: optNumber,
    lastPriceChange: optNumber,
    eanList: optStringArray,
    upcList: optStringArray,
  }),
);

export type KeepaProduct = z.infer<typeof productSchema>;
export type KeepaStats = z.infer<typeof statsSchema>;
export type KeepaOffer = z.infer<typeof offerSchema>;
export type KeepaCategoryNode = z.infer<typeof categoryNodeSchema>;
