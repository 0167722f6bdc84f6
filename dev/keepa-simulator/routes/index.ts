import { bestsellersRoute } from "./bestsellers.ts";
import { categoryRoute } from "./category.ts";
import { dealRoute } from "./deal.ts";
import { productRoute } from "./product.ts";
import { queryRoute } from "./query.ts";
import { searchRoute } from "./search.ts";
import type { Route } from "./types.ts";

/** Keepa paths served by the simulator (`/token` is handled before routing: it is free and bypasses admission). */
export const ROUTES: Readonly<Record<string, Route>> = {
  "/product": productRoute,
  "/query": queryRoute,
  "/bestsellers": bestsellersRoute,
  "/category": categoryRoute,
  "/search": searchRoute,
  "/deal": dealRoute,
};
