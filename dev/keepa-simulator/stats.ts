// `stats` is always derived from csv on request, so stats and csv can never disagree
// (docs/keepa-simulator.md#deterministic-catalogue).
import { CSV, type Csv } from "./csv-types.ts";
import { MINUTES_PER_DAY } from "./keepa-time.ts";
import { extremes, pointsOf, rankDrops, stockOuts, windowStats, type Point } from "./series.ts";

export type StatsInterval = { from: number; to: number };

/** Fields that only exist when offers or the buy box were requested (−2 = not requested). */
export type OfferStats = {
  offerCountFBA: number;
  offerCountFBM: number;
  retrievedOfferCount: number;
  buyBoxPrice: number;
  buyBoxShipping: number;
  buyBoxIsFBA: boolean | null;
  buyBoxIsAmazon: boolean | null;
  buyBoxSellerId: string | null;
  /** The used buy box: best condition with a live offer (2 like new … 5 acceptable), lowest landed within it. */
  buyBoxUsedPrice: number;
  buyBoxUsedShipping: number;
  buyBoxUsedCondition: number;
  buyBoxUsedIsFBA: boolean | null;
  buyBoxUsedSellerId: string | null;
};

export const NO_OFFER_STATS: OfferStats = {
  offerCountFBA: -2,
  offerCountFBM: -2,
  retrievedOfferCount: -2,
  buyBoxPrice: -2,
  buyBoxShipping: -2,
  buyBoxIsFBA: null,
  buyBoxIsAmazon: null,
  buyBoxSellerId: null,
  buyBoxUsedPrice: -2,
  buyBoxUsedShipping: -2,
  buyBoxUsedCondition: -2,
  buyBoxUsedIsFBA: null,
  buyBoxUsedSellerId: null,
};

export type StatsContext = {
  nowMinute: number;
  interval: StatsInterval;
  totalOfferCount: number;
  lastOffersUpdate: number;
  offerStats: OfferStats;
  monthlySoldHistory: number[] | null;
};

type PerType = NonNullable<ReturnType<typeof typeStats>>;

function typeStats(series: number[] | null, index: number, ctx: StatsContext) {
  if (!series) return null;
  const points = pointsOf(series, index);
  const now = ctx.nowMinute;
  const w = (days: number) => windowStats(points, now - days * MINUTES_PER_DAY, now);
  const interval = windowStats(points, ctx.interval.from, ctx.interval.to);
  const all = extremes(points);
  const last = points[points.length - 1];
  const current = last ? last.v : -1;
  const w90 = w(90);
  return {
    current,
    interval,
    w30: w(30),
    w90,
    w180: w(180),
    w365: w(365),
    all,
    isLowest: current >= 0 && all.min !== null && current <= all.min[1],
    isLowest90: current >= 0 && w90.min[1] >= 0 && current <= w90.min[1],
  };
}

const pick = <T>(list: (PerType | null)[], f: (s: PerType) => T, empty: T): T[] => list.map((s) => (s ? f(s) : empty));

export function computeStats(csv: Csv, ctx: StatsContext): Record<string, unknown> {
  const per = csv.map((series, i) => typeStats(series, i, ctx));
  const sales = csv[CSV.SALES];
  const salesPoints = sales ? pointsOf(sales, CSV.SALES) : null;
  const amazonPoints = csv[CSV.AMAZON] ? pointsOf(csv[CSV.AMAZON]!, CSV.AMAZON) : [];
  const since = (days: number) => ctx.nowMinute - days * MINUTES_PER_DAY;
  const drops = (days: number) => (salesPoints ? rankDrops(salesPoints, since(days)) : -1);
  return {
    current: pick(per, (s) => s.current, -1),
    avg: pick(per, (s) => s.interval.avg, -1),
    avg30: pick(per, (s) => s.w30.avg, -1),
    avg90: pick(per, (s) => s.w90.avg, -1),
    avg180: pick(per, (s) => s.w180.avg, -1),
    avg365: pick(per, (s) => s.w365.avg, -1),
    atIntervalStart: pick(per, (s) => s.interval.atStart, -1),
    min: pick(per, (s) => s.all.min, null),
    max: pick(per, (s) => s.all.max, null),
    minInInterval: pick(per, (s): [number, number] | null => s.interval.min, null),
    maxInInterval: pick(per, (s): [number, number] | null => s.interval.max, null),
    isLowest: pick(per, (s) => s.isLowest, false),
    isLowest90: pick(per, (s) => s.isLowest90, false),
    outOfStockPercentageInInterval: pick(per, (s) => s.interval.oosPercent, -1),
    outOfStockPercentage30: pick(per, (s) => s.w30.oosPercent, -1),
    outOfStockPercentage90: pick(per, (s) => s.w90.oosPercent, -1),
    outOfStockPercentage180: pick(per, (s) => s.w180.oosPercent, -1),
    outOfStockPercentage365: pick(per, (s) => s.w365.oosPercent, -1),
    salesRankDrops30: drops(30),
    salesRankDrops90: drops(90),
    salesRankDrops180: drops(180),
    salesRankDrops365: drops(365),
    outOfStockCountAmazon30: stockOuts(amazonPoints, since(30)),
    outOfStockCountAmazon90: stockOuts(amazonPoints, since(90)),
    deltaPercent90_monthlySold: monthlySoldDelta(ctx.monthlySoldHistory, since(90)),
    totalOfferCount: ctx.totalOfferCount,
    lastOffersUpdate: ctx.lastOffersUpdate,
    ...ctx.offerStats,
    tradeInPrice: -2,
    lightningDealInfo: null,
    sellerIdsLowestFBA: null,
    sellerIdsLowestFBM: null,
  };
}

function monthlySoldDelta(history: number[] | null, from: number): number {
  if (!history || history.length < 2) return -1;
  const points: Point[] = pointsOf(history, 0);
  const last = points[points.length - 1]!;
  const before = [...points].reverse().find((p) => p.t <= from) ?? points[0]!;
  if (before.v <= 0 || last.v < 0) return -1;
  return Math.round(((last.v - before.v) / before.v) * 100);
}
