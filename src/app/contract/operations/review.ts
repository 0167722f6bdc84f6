import { z } from "zod";
import { REVIEW_CLASSES } from "../../../autosourcing/index.ts";
import { reviewQuery } from "../../autosourcing/seller-inputs.ts";
import { Cents, NextCursor, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";
import { pickFields, pickOrigin } from "./picks.ts";

const reviewedFields = () => ({
  ...pickFields(),
  ...pickOrigin(),
  jobFinishedAt: Timestamp.nullable(),
  classification: z.enum(REVIEW_CLASSES),
  reason: z.string().meta({ description: "Why it is in its class." }),
  requiresManualCheck: z.boolean(),
  sightings: z.number().int().meta({ description: "Fresh sightings of the ASIN, any profile." }),
  firstSeenAt: Timestamp.nullable(),
  lastSeenAt: Timestamp.nullable(),
});

const ReviewedPick = z.lazy(() =>
  z
    .object(reviewedFields())
    .meta({ id: "ReviewedPick", description: "A pick of the window, classified over its fresh sightings." }),
);

const ActionablePick = z.lazy(() =>
  z
    .object({
      ...reviewedFields(),
      buyAtMostCents: Cents.nullable().meta({ description: "The most to pay: its maxBuyCents." }),
    })
    .meta({ id: "ActionablePick", description: "A STABLE pick at or above minRoi: worth buying now." }),
);

const DailyReview = z.lazy(() =>
  z
    .object({
      window: z.object({ daysBack: z.number().int(), from: Timestamp, to: Timestamp }),
      minRoi: z.number(),
      total: z.number().int().meta({ description: "Picks in the window (one per ASIN), over every page." }),
      counts: z.record(z.enum(REVIEW_CLASSES), z.number().int()).meta({ description: "Picks per class, every page." }),
      items: z.array(ReviewedPick).meta({ description: "This page of the window's picks, best ROI first." }),
      limit: z.number().int().positive(),
      nextCursor: NextCursor,
      top: z.array(ReviewedPick).meta({ description: "The best 5 by ROI that are not REJECT (over every page)." }),
      actionable: z.array(ActionablePick).meta({ description: "Every STABLE pick at or above minRoi." }),
    })
    .meta({ id: "DailyReview" }),
);

export const reviewOperations = (): readonly Operation[] => [
  {
    id: "getDailyReview",
    method: "get",
    path: "/api/v1/review/today",
    fn: "review-today",
    tag: "Review",
    summary: "The daily review: the window's picks, classified over their fresh sightings",
    access: "apiKey",
    query: reviewQuery,
    replies: { 200: { description: "The review.", schema: DailyReview } },
  },
];
