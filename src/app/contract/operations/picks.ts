import { z } from "zod";
import { PICK_ACTIONS } from "../../../autosourcing/index.ts";
import { picksQuery } from "../../autosourcing/seller-inputs.ts";
import { CONDITIONS } from "../../../keepa/index.ts";
import { RECOMMENDATIONS } from "../../../sourcing/index.ts";
import { Asin, Cents, Currency, page, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";
import { BuyCost, LandedPrice } from "./products.ts";

// A pick as every view shows it (src/autosourcing/views.ts pickFields): its own fields, and the economics of the
// score stored with it (null on rows older than that score). A job's picks (operations/autosourcing.ts) use these too.

export const Condition = z.lazy(() => z.enum(CONDITIONS));

const Competition = z.lazy(() =>
  z.object({
    offers: z.number().int().nullable(),
    fbaOffers: z.number().int().nullable(),
    fbmOffers: z.number().int().nullable(),
    scope: z.enum(["condition", "all_used", "all_new"]),
    live: z.boolean(),
  }),
);

/** The fields every view of a pick has (a job's picks, the buy list, the daily review). */
export const pickFields = () => ({
  id: z.uuid(),
  asin: Asin,
  title: z.string().nullable(),
  tier: z.enum(["HOT", "TOP", "WATCH", "OTHER"]),
  tierReason: z.string(),
  featured: z.boolean(),
  recommendation: z.enum(RECOMMENDATIONS),
  roiPercent: z.number().nullable(),
  profitCents: Cents.nullable(),
  buyPriceCents: Cents.nullable(),
  sellPriceCents: Cents.nullable(),
  currency: Currency,
  bsr: z.number().int().nullable(),
  velocity: z.number().int(),
  stability: z.number().int(),
  confidence: z.number().int(),
  actionStatus: z.enum(PICK_ACTIONS),
  actionAt: Timestamp.nullable(),
  notes: z.string().nullable(),
  createdAt: Timestamp,
  sellCondition: Condition.nullable(),
  sellPrice: LandedPrice.nullable(),
  buyCost: BuyCost.nullable(),
  maxBuyCents: Cents.nullable().meta({ description: "The most to pay for the target ROI and minimum profit." }),
  verified: z.boolean(),
  verifiedAt: Timestamp.nullable(),
  competition: Competition.nullable(),
  reasons: z.array(z.string()),
});

/** Where a pick came from: its job and profile. */
export const pickOrigin = () => ({ jobId: z.uuid(), profileId: z.uuid(), profileName: z.string() });

const ListedPick = z.lazy(() =>
  z
    .object({
      ...pickFields(),
      history: z.object({
        sightings: z.number().int().meta({ description: "Fresh sightings of the ASIN in the pick's profile." }),
        firstSeenAt: Timestamp.nullable(),
        isNew: z.boolean().meta({ description: "No earlier pick of the ASIN in the profile." }),
      }),
      ...pickOrigin(),
    })
    .meta({ id: "ListedPick", description: "A pick of the buy list, with its ASIN's history and its origin." }),
);

const BuyListPage = z.lazy(() =>
  page(ListedPick)
    .extend({ action: z.enum(PICK_ACTIONS) })
    .meta({ id: "BuyListPage", description: "One action's picks across jobs, newest action first." }),
);

const CSV_NOTE =
  "Every pick of the action (at most 5,000; X-Export-Truncated says when there were more), newest action first: " +
  "RFC 4180, money both as dollars (`*_usd`) and as integer cents (`*_cents`); cursor and limit do not apply.";

const PickStats = z.lazy(() =>
  z
    .object({
      counts: z.record(z.enum(PICK_ACTIONS), z.number().int()).meta({ description: "Picks per action, all time." }),
      total: z.number().int(),
      engagement: z.object({
        days: z.number().int(),
        since: Timestamp,
        picks: z.number().int().meta({ description: "Picks found in the window." }),
        actedOn: z.number().int().meta({ description: "Of those, the ones the seller acted on (not pending)." }),
        rate: z.number().nullable().meta({ description: "actedOn / picks, 4 decimals; null without picks." }),
      }),
      bestOfDay: ListedPick.nullable().meta({ description: "The best pick of the last 24 h not ignored." }),
    })
    .meta({ id: "PickStats" }),
);

export const picksOperations = (): readonly Operation[] => [
  {
    id: "listPicks",
    method: "get",
    path: "/api/v1/picks",
    fn: "picks",
    tag: "Picks",
    summary: "The buy list: an action's picks across jobs, newest action first (JSON page, or CSV)",
    access: "apiKey",
    query: picksQuery,
    replies: {
      200: {
        description: "A page of picks (JSON), or every pick of the action (Accept: text/csv).",
        schema: BuyListPage,
        alternatives: { "text/csv": CSV_NOTE },
        headers: ["Content-Disposition", "X-Export-Rows", "X-Export-Truncated"],
      },
    },
  },
  {
    id: "getPickStats",
    method: "get",
    path: "/api/v1/picks/stats",
    fn: "picks-stats",
    tag: "Picks",
    summary: "Picks per action, engagement over 7 days, the best pick of the day",
    access: "apiKey",
    replies: { 200: { description: "The stats.", schema: PickStats } },
  },
];
