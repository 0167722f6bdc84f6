import { z } from "zod";
import { optNumber, optString, optStringArray } from "./common.ts";
import { productSchema } from "./product.ts";

export const productResponseSchema = z.lazy(() => z.looseObject({ products: z.array(productSchema) }));

/** Product Finder page; `asinList` may be null/absent for zero matches. */
export const queryResponseSchema = z.lazy(() => z.looseObject({ asinList: optStringArray, totalResults: optNumber }));

export const bestsellersListSchema = z.lazy(() =>
  z.looseObject({
    domainId: optNumber,
    lastUpdate: optNumber,
    categoryId: z.union([z.number(), z.string()]).nullable().optional(),
    asinList: z.array(z.string()),
  }),
);

/** `bestSellersList` is absent or null when Keepa has no list (and then charges 0). */
export const bestsellersResponseSchema = z.lazy(() =>
  z.looseObject({
    bestSellersList: bestsellersListSchema.nullable().optional(),
  }),
);

export const categorySchema = z.lazy(() =>
  z.looseObject({
    catId: z.number(),
    name: optString,
    domainId: optNumber,
    parent: optNumber,
    children: z.array(z.number()).nullable().optional(),
    productCount: optNumber,
    highestRank: optNumber,
    lowestRank: optNumber,
  }),
);

const categoryMap = () => z.record(z.string(), categorySchema).nullable().optional();

export const categoryResponseSchema = z.lazy(() =>
  z.looseObject({ categories: categoryMap(), categoryParents: categoryMap() }),
);

export const dealSchema = z.lazy(() =>
  z.looseObject({
    asin: z.string(),
    title: optString,
    categories: z.array(z.number()).nullable().optional(),
  }),
);

export const dealResponseSchema = z.lazy(() =>
  z.looseObject({
    deals: z.looseObject({
      dr: z.array(dealSchema),
      categoryIds: z.array(z.number()).nullable().optional(),
      categoryNames: z.array(z.string().nullable()).nullable().optional(),
      categoryCount: z.array(z.number()).nullable().optional(),
    }),
  }),
);

export type KeepaCategory = z.infer<typeof categorySchema>;
export type KeepaBestsellersList = z.infer<typeof bestsellersListSchema>;
export type KeepaDeal = z.infer<typeof dealSchema>;
