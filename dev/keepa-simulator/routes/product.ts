// GET /product — asin or code lookups, 1 token per returned product plus option surcharges.
import { MINUTES_PER_DAY, toKeepaMinutes } from "../keepa-time.ts";
import { flag, list, optionalInt, parseDomain, ValidationError, type Params } from "../params.ts";
import { buildProduct, unknownProduct, type ProductOptions } from "../product.ts";
import type { StatsInterval } from "../stats.ts";
import type { Route, RouteContext } from "./types.ts";

const MAX_IDS = 100;

type Lookup = { kind: "asin"; asins: string[] } | { kind: "code"; codes: string[]; codeLimit: number | null };

function parseLookup(params: Params): Lookup {
  const asins = list(params, "asin");
  const codes = list(params, "code");
  if (asins && codes) throw new ValidationError("Use either asin or code, not both.", "asin");
  const ids = asins ?? codes;
  if (!ids || ids.length === 0) throw new ValidationError("Missing asin or code parameter.", "asin");
  if (ids.length > MAX_IDS)
    throw new ValidationError(`At most ${MAX_IDS} ASINs or codes per request.`, asins ? "asin" : "code");
  if (asins) return { kind: "asin", asins: [...new Set(asins.map((a) => a.toUpperCase()))] };
  return {
    kind: "code",
    codes: [...new Set(ids)],
    codeLimit: optionalInt(params, "code-limit", { min: 1, max: 10_000 }),
  };
}

/** `stats` is a number of days or "start,end" (ISO dates or epoch ms). */
function parseStats(params: Params): ((nowMinute: number) => StatsInterval) | null {
  const raw = params.get("stats");
  if (raw === null || raw === "" || raw === "0") return null;
  const parts = raw.split(",");
  if (parts.length === 1) {
    const days = optionalInt(params, "stats", { min: 1, max: 100_000 })!;
    return (now) => ({ from: now - days * MINUTES_PER_DAY, to: now });
  }
  const [from, to] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Date.parse(p)));
  if (parts.length !== 2 || !Number.isFinite(from) || !Number.isFinite(to) || from! > to!) {
    throw new ValidationError("Invalid stats range.", "stats");
  }
  return () => ({ from: toKeepaMinutes(from!), to: toKeepaMinutes(to!) });
}

function parseOffers(params: Params): number | null {
  const offers = optionalInt(params, "offers", { min: 0, max: 1_000 });
  if (offers === null || offers === 0) return null;
  if (offers < 20 || offers > 100)
    throw new ValidationError("Either no or a minimum of 20 offers must be requested.", "offers");
  return offers;
}

export const productRoute: Route = {
  name: "product",
  methods: ["GET"],
  prepare(params) {
    const domainId = parseDomain(params);
    const lookup = parseLookup(params);
    const stats = parseStats(params);
    const base = {
      domainId,
      history: flag(params, "history", true),
      days: optionalInt(params, "days", { min: 1, max: 100_000 }),
      offers: parseOffers(params),
      onlyLiveOffers: flag(params, "only-live-offers"),
      buybox: flag(params, "buybox"),
      rating: flag(params, "rating"),
      update: optionalInt(params, "update", { min: -1, max: 1_000_000 }),
      stock: flag(params, "stock"),
      historicalVariations: flag(params, "historical-variations"),
    };
    for (const name of ["rental", "videos", "aplus"]) flag(params, name);
    return {
      latencyKey: base.offers === null ? "product" : "offers",
      run(ctx) {
        const nowMinute = toKeepaMinutes(ctx.nowMs);
        return runLookup(ctx, lookup, { ...base, nowMinute, stats: stats ? stats(nowMinute) : null });
      },
    };
  },
};

function runLookup(ctx: RouteContext, lookup: Lookup, opts: ProductOptions) {
  const products: Record<string, unknown>[] = [];
  let cost = 0;
  const add = (built: { product: Record<string, unknown>; cost: number }) => {
    products.push(built.product);
    cost += built.cost;
  };
  if (lookup.kind === "asin") {
    for (const asin of lookup.asins) {
      const entry = ctx.catalogue.get(asin);
      add(entry ? buildProduct(ctx.catalogue, entry, opts, ctx.costs) : unknownProduct(asin, opts, ctx.costs));
    }
  } else {
    for (const code of lookup.codes) {
      const found = ctx.catalogue.byCode(code);
      for (const entry of found.slice(0, lookup.codeLimit ?? found.length))
        add(buildProduct(ctx.catalogue, entry, opts, ctx.costs));
    }
  }
  return { payload: { products }, cost };
}
