// AutoSourcing: saved profiles that run on a schedule (or on a signed trigger), jobs under a batch reservation,
// picks and their sightings for review, completion webhooks (docs/autosourcing.md).
export * from "./cursor.ts";
export * from "./deps.ts";
export * from "./dispatch.ts";
export * from "./plan.ts";
export * from "./profile-config.ts";
export { lastRunAtOrBefore, nextRunsAfter, readSchedule, runView } from "./recurrence.ts";
export { profileSchedule, WEEKDAYS } from "./schedule-config.ts";
export type { ProfileSchedule, Weekday } from "./schedule-config.ts";
export * from "./scheduler.ts";
export * from "./select.ts";
export * from "./signing.ts";
export * from "./types.ts";
export * from "./views.ts";
export { dailyReview, decodeReviewCursor, encodeReviewCursor, REVIEW_CLASSES, REVIEW_TOP } from "./review.ts";
export type { ReviewCursor, ReviewItem, ReviewOptions } from "./review.ts";
export {
  buyListPage,
  decodeCursor,
  encodeCursor,
  ENGAGEMENT_DAYS,
  EXPORT_LIMIT,
  listedPick,
  pickStats,
} from "./buy-list.ts";
export type { Cursor } from "./buy-list.ts";
export { csvField, dollars, exportPicks, PICKS_CSV_HEADER, picksCsv } from "./picks-csv.ts";
export * from "./store/jobs.ts";
export * from "./store/picks.ts";
export * from "./store/profiles.ts";
export * from "./store/schedule.ts";
export { actionCounts, bestPickSince, picksByAction, reviewPicks } from "./store/seller.ts";
export type { ListedPickRow, PickKey, ReviewPickRow, SellerPickRow } from "./store/seller.ts";
export * from "./webhooks/completion.ts";
export * from "./webhooks/deliveries.ts";
export * from "./webhooks/subscriptions.ts";
export * from "./worker/execute.ts";
export * from "./worker/outcome.ts";
export * from "./worker/run-job.ts";
export * from "./analysis/index.ts";
